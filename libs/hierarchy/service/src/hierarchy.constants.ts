/** The hierarchy service's own PostgreSQL schema. */
export const HIERARCHY_SCHEMA = 'hierarchy';
export const HIERARCHY_SERVICE = 'hierarchy' as const;
