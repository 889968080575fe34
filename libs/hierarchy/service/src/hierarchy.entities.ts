import { HierarchyNodeSchema } from './nodes/node.entity';
import { RiskSchema } from './risks/risk.entity';

/** Every entity of the hierarchy schema: the service module and the `migrate` command share this list. */
export const hierarchyEntities = [HierarchyNodeSchema, RiskSchema];
