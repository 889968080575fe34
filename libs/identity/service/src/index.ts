export * from './identity.module';
export * from './identity.constants';
export { identityVariables, assertIdentityConfigSafe, type IdentityConfig } from './identity.config';
export { identityMigrations } from './migrations';
export { identityEntities } from './identity.entities';
export { KeyStore } from './keys/key-store';
export { DEFAULT_ADMIN_EMAIL } from './bootstrap/admin-bootstrap';
export { verifyWithOwnJwks } from './identity.process-config';
