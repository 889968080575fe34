export * from './hierarchy.module';
export * from './hierarchy.constants';
export { hierarchyMigrations } from './migrations';
export { HierarchyNodeSchema } from './nodes/node.entity';
