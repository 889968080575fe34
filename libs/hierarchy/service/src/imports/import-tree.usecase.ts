import { Injectable } from '@nestjs/common';
import { HierarchyErrors, type NodeLevel } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../hierarchy.constants';
import { HierarchyNode, pathLabel } from '../nodes/node.entity';
import { NodeRepository } from '../nodes/node.repository';
import { recordCreation } from '../nodes/usecases/record-creation';
import { planImport, type ExistingParent } from './import-plan';
import type { RawRow } from './import-rows';

/** Errors listed in a refusal; a file with more gets the first ones and the total. */
const MAX_REPORTED_ERRORS = 1000;

export interface ImportResult {
  imported: number;
  nodes: { row: number; ref: string; id: string; key: string }[];
}

/** Imports a tree from spreadsheet rows: all rows or none, each node audited and published like any creation. */
@Injectable()
export class ImportTreeUseCase {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  execute(rows: RawRow[]): Promise<ImportResult> {
    return this.uow.run(async (tx) => {
      const nodes = new NodeRepository(tx.em, HIERARCHY_SCHEMA);
      const parentKeys = [
        ...new Set(rows.map((r) => r.cells['parentKey']).filter((k): k is string => Boolean(k))),
      ];
      const existing = new Map<string, ExistingParent>(
        (await nodes.findByKeysForShare(parentKeys)).map((n) => [n.key, n]),
      );
      const { nodes: planned, errors } = planImport(rows, existing);
      if (errors.length > 0) {
        throw HierarchyErrors.IMPORT_INVALID(
          `${errors.length} problem(s) in the file; nothing was imported.${errors.length > MAX_REPORTED_ERRORS ? ` The first ${MAX_REPORTED_ERRORS} are listed.` : ''}`,
          errors.slice(0, MAX_REPORTED_ERRORS),
        );
      }
      const keys = await this.allocateKeys(
        nodes,
        planned.map((p) => p.input.level),
      );
      const pathOfRef = new Map<string, string>();
      const idOfRef = new Map<string, string>();
      const created = planned.map((plan, index) => {
        const parentId =
          plan.parent?.kind === 'existing'
            ? plan.parent.node.id
            : plan.parent
              ? idOfRef.get(plan.parent.ref)
              : undefined;
        const parentPath =
          plan.parent?.kind === 'existing'
            ? plan.parent.node.path
            : plan.parent
              ? pathOfRef.get(plan.parent.ref)
              : undefined;
        const path = parentPath ? `${parentPath}.${pathLabel(plan.id)}` : pathLabel(plan.id);
        const node = tx.em.create(HierarchyNode, {
          ...plan.input,
          id: plan.id,
          key: keys[index],
          parentId: parentId ?? null,
          path,
          tags: plan.input.tags ?? [],
          createdBy: tx.context.actor,
          updatedBy: tx.context.actor,
        } as HierarchyNode);
        pathOfRef.set(plan.ref, path);
        idOfRef.set(plan.ref, plan.id);
        recordCreation(tx, node);
        return { row: plan.row, ref: plan.ref, id: node.id, key: node.key };
      });
      return { imported: created.length, nodes: created.sort((a, b) => a.row - b.row) };
    });
  }

  /** One sequence call per level for the whole file, not one per row. */
  private async allocateKeys(nodes: NodeRepository, levels: NodeLevel[]): Promise<string[]> {
    const pools = new Map<NodeLevel, string[]>();
    for (const level of new Set(levels))
      pools.set(level, await nodes.nextKeys(level, levels.filter((l) => l === level).length));
    return levels.map((level) => pools.get(level)?.shift() as string);
  }
}
