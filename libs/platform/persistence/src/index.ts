export * from './orm/service-orm';
export * from './orm/em-sql-client';
export * from './audit/canonical-json';
export * from './audit/audit-trail';
export * from './migrations/platform-tables.sql';
export * from './migrations/platform-migration';
export * from './unit-of-work/unit-of-work';
