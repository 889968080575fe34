/** The authenticated caller, as every service sees it. Authorization (scopes, tabs) builds on this. */
export interface Principal {
  userId: string;
  /** Token id (`jti`), for audit and revocation. */
  tokenId?: string;
  email?: string;
  name?: string;
}
