/** The permission atoms of domain §6. A role is a list of atoms, each granted on some tabs. */
export const ATOMS = [
  'view',
  'edit',
  'submit-gate',
  'approve-gate',
  'enter-actual',
  'validate-actual',
  'sign-off-closure',
  'manage-period',
  'reopen-period',
  'view-audit',
  'export',
  'manage-roles',
] as const;

export type Atom = (typeof ATOMS)[number];

export function isAtom(value: unknown): value is Atom {
  return typeof value === 'string' && (ATOMS as readonly string[]).includes(value);
}
