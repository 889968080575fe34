export * from './role-violation';
export * from './validate-custom-role';
export * from './can-grant';
