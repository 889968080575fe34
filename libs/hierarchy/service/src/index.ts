export * from './hierarchy.module';
export * from './hierarchy.constants';
export { hierarchyMigrations } from './migrations';
export { hierarchyEntities } from './hierarchy.entities';
