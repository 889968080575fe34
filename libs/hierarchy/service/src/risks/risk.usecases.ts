import { v7 as uuidv7 } from 'uuid';
import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/postgresql';
import { riskRaisedV1, riskUpdatedV1, type RiskSnapshot } from '@steerco/contracts';
import { diffFields, HierarchyErrors } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork, PlatformErrors } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import type { CallerAccess } from '../access/hierarchy-access';
import { authorizeOnNode } from '../access/node-permissions';
import { HIERARCHY_SCHEMA } from '../hierarchy.constants';
import { NodeRepository } from '../nodes/node.repository';
import { RISK_FIELDS, type RaiseRiskInput, type UpdateRiskInput } from './risk.dto';
import { Risk, toRiskSnapshot } from './risk.entity';

@Injectable()
export class RiskUseCases {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  raise(access: CallerAccess, nodeId: string, input: RaiseRiskInput): Promise<RiskSnapshot> {
    return this.uow.run(async (tx) => {
      const node = await new NodeRepository(tx.em, HIERARCHY_SCHEMA).findById(nodeId);
      authorizeOnNode(access, node, nodeId, 'edit', 'status', 'Risk');
      if (node.archived) throw HierarchyErrors.NODE_ARCHIVED('Risks cannot be raised on an archived node.');
      const risk = tx.em.create(Risk, {
        ...input,
        id: uuidv7(),
        nodeId,
        createdBy: tx.context.actor,
        updatedBy: tx.context.actor,
      } as Risk);
      const snapshot = toRiskSnapshot(risk);
      tx.audit({
        objectType: 'risk',
        objectId: risk.id,
        action: 'raised',
        changes: Object.fromEntries(
          Object.entries(snapshot).map(([field, after]) => [field, { before: null, after }]),
        ),
      });
      tx.emit({
        definition: riskRaisedV1,
        subject: risk.id,
        aggregateVersion: risk.version,
        data: { risk: snapshot },
      });
      return snapshot;
    });
  }

  update(
    access: CallerAccess,
    nodeId: string,
    riskId: string,
    expectedVersion: number,
    input: UpdateRiskInput,
  ): Promise<RiskSnapshot> {
    return this.uow.run(async (tx) => {
      const node = await new NodeRepository(tx.em, HIERARCHY_SCHEMA).findById(nodeId);
      authorizeOnNode(access, node, nodeId, 'edit', 'status', 'Risk');
      const risk = await tx.em.findOne(
        Risk,
        { id: riskId, nodeId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!risk) throw HierarchyErrors.RISK_NOT_FOUND(`No risk ${riskId} on node ${nodeId}.`);
      if (risk.version !== expectedVersion) {
        throw PlatformErrors.VERSION_CONFLICT(
          `The risk is at version ${risk.version}, not ${expectedVersion}.`,
        );
      }
      const before = toRiskSnapshot(risk);
      Object.assign(risk, input);
      const changes = diffFields(before, toRiskSnapshot(risk), RISK_FIELDS);
      if (Object.keys(changes).length === 0) return before;
      risk.version += 1;
      risk.updatedAt = new Date();
      risk.updatedBy = tx.context.actor;
      const snapshot = toRiskSnapshot(risk);
      tx.audit({ objectType: 'risk', objectId: risk.id, action: 'updated', changes });
      tx.emit({
        definition: riskUpdatedV1,
        subject: risk.id,
        aggregateVersion: risk.version,
        data: { risk: snapshot, changes },
      });
      return snapshot;
    });
  }

  async list(access: CallerAccess, nodeId: string): Promise<{ items: RiskSnapshot[] }> {
    const em = this.uow.reader();
    const node = await new NodeRepository(em, HIERARCHY_SCHEMA).findById(nodeId);
    authorizeOnNode(access, node, nodeId, 'view', 'status', 'Risk');
    const risks = await em.find(Risk, { nodeId }, { orderBy: { createdAt: 'asc' } });
    return { items: risks.map(toRiskSnapshot) };
  }
}
