import { Module } from '@nestjs/common';
import { OpenApiModule, serviceConsumerProviders, ServicePersistenceModule } from '@steerco/platform-nest';
import { accessProjectionHandlers } from '@steerco/platform-persistence';
import { HierarchyAccess } from './access/hierarchy-access';
import { DenialAuditInterceptor } from './access/denial-audit.interceptor';
import { HIERARCHY_SCHEMA, HIERARCHY_SERVICE } from './hierarchy.constants';
import { hierarchyMigrations } from './migrations';
import { hierarchyEntities } from './hierarchy.entities';
import { NodeQueries } from './nodes/node.queries';
import { DependenciesController } from './dependencies/dependencies.controller';
import { DependencyUseCases } from './dependencies/usecases';
import { ImportTreeUseCase } from './imports/import-tree.usecase';
import { ImportsController } from './imports/imports.controller';
import { NodeTreeController } from './nodes/node-tree.controller';
import { RisksController } from './risks/risks.controller';
import { RiskUseCases } from './risks/risk.usecases';
import { NodesController } from './nodes/nodes.controller';
import { ArchiveNodeUseCase } from './nodes/usecases/archive-node/archive-node.usecase';
import { MoveNodeUseCase } from './nodes/usecases/move-node/move-node.usecase';
import { UnarchiveNodeUseCase } from './nodes/usecases/unarchive-node/unarchive-node.usecase';
import { CreateNodeUseCase } from './nodes/usecases/create-node/create-node.usecase';
import { UpdateNodeUseCase } from './nodes/usecases/update-node/update-node.usecase';
import { RecentNodes } from './nodes/recent-nodes';

/** Nodes this process updated last, kept to skip the read of their next update: about 10 MB when full. */
const RECENT_NODES = 10_000;

/**
 * The hierarchy service: the six-level work tree. Hosted by its own process (apps/hierarchy-service) or,
 * with every other service, by the single-process mode (apps/standalone).
 */
@Module({
  imports: [
    ServicePersistenceModule.register({
      service: HIERARCHY_SERVICE,
      schema: HIERARCHY_SCHEMA,
      entities: hierarchyEntities,
      migrations: hierarchyMigrations,
    }),
    OpenApiModule.forService(HIERARCHY_SERVICE, '1.0.0'),
  ],
  controllers: [
    NodesController,
    NodeTreeController,
    DependenciesController,
    RisksController,
    ImportsController,
  ],
  providers: [
    { provide: RecentNodes, useFactory: () => new RecentNodes(RECENT_NODES) },
    CreateNodeUseCase,
    UpdateNodeUseCase,
    MoveNodeUseCase,
    ArchiveNodeUseCase,
    UnarchiveNodeUseCase,
    NodeQueries,
    DependencyUseCases,
    RiskUseCases,
    ImportTreeUseCase,
    HierarchyAccess,
    DenialAuditInterceptor,
    // The service's own projection of identity: authorization never calls another service.
    ...serviceConsumerProviders({
      schema: HIERARCHY_SCHEMA,
      groupId: 'hierarchy.access-projection',
      inject: [HierarchyAccess],
      handlers: (access: HierarchyAccess) =>
        accessProjectionHandlers(HIERARCHY_SCHEMA, { onChange: () => access.forgetAccessVersions() }),
    }),
  ],
})
export class HierarchyModule {}
