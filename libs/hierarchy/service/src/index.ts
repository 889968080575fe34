export * from './hierarchy.module';
export * from './hierarchy.constants';
export { hierarchyMigrations } from './migrations';
export { hierarchyEntities } from './hierarchy.entities';
// The read path's parts, for the authorization benchmark (tools/bench/authz-overhead.bench.ts).
export { HierarchyAccess, type CallerAccess } from './access/hierarchy-access';
export { NodeQueries } from './nodes/node.queries';
export { NodeRows } from './nodes/node.rows';
export { toSnapshot } from './nodes/node.mapper';
export { visibleScopeSql as visibleScope } from './access/node-permissions';
export { isSmallScope, SCOPE_COUNT_CAP } from './nodes/scope-sizes';
export { listNodesQuerySchema } from './nodes/dto/node.dto';
