import { Injectable } from '@nestjs/common';
import { HierarchyErrors, type NodeLevel } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import { AccessDirectory, type UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../hierarchy.constants';
import { childPath, HierarchyNode, idsOfPath } from '../nodes/node.entity';
import { NodeRows } from '../nodes/node.rows';
import { toSnapshot } from '../nodes/node.mapper';
import { HierarchyAccess, type CallerAccess } from '../access/hierarchy-access';
import { assertMay, assertPlatformAdmin, canSee } from '../access/node-permissions';
import { recordCreation } from '../nodes/usecases/record-creation';
import { planImport, type ExistingParent, type PlannedNode } from './import-plan';
import type { SheetRows } from './import-rows';

/** Errors listed in a refusal; a file with more gets the first ones and the total. */
const MAX_REPORTED_ERRORS = 1000;

/** A node's place in the tree during an import: its id, its ltree path, and that path as ids. */
interface NodePlace {
  id: string;
  path: string;
  pathIds: string[];
}

export interface ImportResult {
  imported: number;
  nodes: { row: number; ref: string; id: string; key: string }[];
}

/**
 * Imports a tree from spreadsheet rows: all rows or none, each node audited and published like any creation.
 * It runs on the unit of work's SQL lane, where nodes, audit records and events go in by COPY: through the
 * ORM's identity map a 100,000-row file took minutes (docs/benchmarks.md, import).
 */
@Injectable()
export class ImportTreeUseCase {
  constructor(
    @InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly hierarchyAccess: HierarchyAccess,
  ) {}

  async execute(access: CallerAccess, sheet: SheetRows): Promise<ImportResult> {
    const { result, organizations } = await this.import(access, sheet);
    // Committed: this replica rebuilds administrators' abilities now, the others at the notification.
    if (organizations > 0) this.hierarchyAccess.forgetAccessVersions();
    return result;
  }

  private import(access: CallerAccess, sheet: SheetRows) {
    return this.uow.runSql(async (tx) => {
      const nodes = new NodeRows(tx.sql, HIERARCHY_SCHEMA);
      const parentKeys = [
        ...new Set(sheet.rows.map((r) => r.cells['parentKey']).filter((k): k is string => Boolean(k))),
      ];
      // Nodes out of the caller's scope are unknown keys to them, exactly as missing ones.
      const existing = new Map<string, ExistingParent>(
        (await nodes.findByKeysForShare(parentKeys))
          .filter((n) => canSee(access, toSnapshot(n)))
          .map((n) => [n.key, n]),
      );
      const { nodes: planned, errors } = planImport(sheet, existing);
      if (errors.length > 0) {
        throw HierarchyErrors.IMPORT_INVALID(
          `${errors.length} problem(s) in the file; nothing was imported.${errors.length > MAX_REPORTED_ERRORS ? ` The first ${MAX_REPORTED_ERRORS} are listed.` : ''}`,
          errors.slice(0, MAX_REPORTED_ERRORS),
        );
      }
      authorizePlacements(access, planned);
      const keys = await this.allocateKeys(
        nodes,
        planned.map((p) => p.input.level),
      );
      // Where each node sits, as the ltree path it is stored with and as the ids its snapshot carries: the
      // ids come from the parent's (converting 100,000 ltree paths back costs half a second).
      const placeOfRef = new Map<string, NodePlace>();
      const placeOfExisting = new Map<string, NodePlace>();
      const parentPlace = (plan: PlannedNode): NodePlace | undefined => {
        const parent = plan.parent;
        if (!parent) return undefined;
        if (parent.kind === 'planned') return placeOfRef.get(parent.ref);
        let place = placeOfExisting.get(parent.node.id);
        if (!place) {
          place = { id: parent.node.id, path: parent.node.path, pathIds: idsOfPath(parent.node.path) };
          placeOfExisting.set(parent.node.id, place);
        }
        return place;
      };
      const now = new Date();
      const built = planned.map((plan, index) => {
        const parent = parentPlace(plan);
        const place: NodePlace = {
          id: plan.id,
          path: childPath(parent?.path, plan.id),
          pathIds: [...(parent?.pathIds ?? []), plan.id],
        };
        placeOfRef.set(plan.ref, place);
        const node = Object.assign(new HierarchyNode(), plan.input, {
          id: plan.id,
          key: keys[index],
          parentId: parent?.id ?? null,
          path: place.path,
          tags: plan.input.tags ?? [],
          createdAt: now,
          updatedAt: now,
          createdBy: tx.context.actor,
          updatedBy: tx.context.actor,
        });
        return { plan, node, pathIds: place.pathIds };
      });
      // Parents come before their children in the plan, so the foreign key holds row by row.
      await nodes.insertMany(built.map((b) => b.node));
      // New organizations widen what installation administrators see: cached abilities are stale.
      const organizations = built.filter((b) => !b.node.parentId).length;
      if (organizations > 0) await tx.sql.query(AccessDirectory.bumpPlatformAdminsSql(HIERARCHY_SCHEMA));
      const created = built.map(({ plan, node, pathIds }) => {
        recordCreation(tx, node, pathIds);
        return { row: plan.row, ref: plan.ref, id: node.id, key: node.key };
      });
      const result: ImportResult = { imported: created.length, nodes: created.sort((a, b) => a.row - b.row) };
      return { result, organizations };
    });
  }

  /** One sequence call per level for the whole file, not one per row. */
  private async allocateKeys(nodes: NodeRows, levels: NodeLevel[]): Promise<string[]> {
    const counts = new Map<NodeLevel, number>();
    for (const level of levels) counts.set(level, (counts.get(level) ?? 0) + 1);
    const pools = new Map<NodeLevel, { keys: string[]; next: number }>();
    for (const [level, count] of counts)
      pools.set(level, { keys: await nodes.nextKeys(level, count), next: 0 });
    return levels.map((level) => {
      const pool = pools.get(level) as { keys: string[]; next: number };
      return pool.keys[pool.next++];
    });
  }
}

/** Every existing parent the file hangs nodes under must be editable; organizations need an installation admin. */
function authorizePlacements(access: CallerAccess, planned: PlannedNode[]): void {
  if (planned.some((plan) => !plan.parent)) assertPlatformAdmin(access, 'import organizations');
  const parents = new Map<string, HierarchyNode>();
  for (const plan of planned) {
    if (plan.parent?.kind === 'existing') parents.set(plan.parent.node.id, plan.parent.node as HierarchyNode);
  }
  for (const parent of parents.values()) assertMay(access, 'edit', toSnapshot(parent), 'overview');
}
