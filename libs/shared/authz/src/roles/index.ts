export * from './role.types';
export * from './built-in-roles';
export * from './resolve-assignments';
