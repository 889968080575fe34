/** Stable codes of what makes a custom role invalid; clients may switch on them. */
export const RoleValidationCodes = {
  NAME_REQUIRED: 'AUTHZ.ROLE_NAME_REQUIRED',
  NAME_TAKEN: 'AUTHZ.ROLE_NAME_TAKEN',
  ID_RESERVED: 'AUTHZ.ROLE_ID_RESERVED',
  NO_GRANTS: 'AUTHZ.ROLE_NO_GRANTS',
  UNKNOWN_ATOM: 'AUTHZ.ROLE_UNKNOWN_ATOM',
  UNKNOWN_TAB: 'AUTHZ.ROLE_UNKNOWN_TAB',
  TAB_NOT_APPLICABLE: 'AUTHZ.ROLE_TAB_NOT_APPLICABLE',
  UNKNOWN_SUBJECT: 'AUTHZ.ROLE_UNKNOWN_SUBJECT',
  UNKNOWN_OWNERSHIP: 'AUTHZ.ROLE_UNKNOWN_OWNERSHIP',
  GRANTS_NOTHING: 'AUTHZ.ROLE_GRANT_GRANTS_NOTHING',
  INVALID_FLAG: 'AUTHZ.ROLE_INVALID_FLAG',
} as const;

export type RoleValidationCode = (typeof RoleValidationCodes)[keyof typeof RoleValidationCodes];

export interface RoleViolation {
  code: RoleValidationCode;
  message: string;
  /** Where in the definition, JSON-pointer-like: `name`, `grants.2.tabs.0`. */
  field: string;
}
