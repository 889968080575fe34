export * from './path-label';
export * from './scope-filter';
export * from './scope-sql';
