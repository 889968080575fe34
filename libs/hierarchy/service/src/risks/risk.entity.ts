import { EntitySchema } from '@mikro-orm/postgresql';
import type { RiskSnapshot } from '@steerco/contracts';

/** A risk on a node: a 1–5 probability and impact, a mitigation and an owner. Closed, never deleted. */
export class Risk {
  id!: string;
  nodeId!: string;
  title!: string;
  description: string | null = null;
  probability!: number;
  impact!: number;
  mitigation: string | null = null;
  ownerId: string | null = null;
  status: 'open' | 'closed' = 'open';
  version = 1;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
  createdBy!: string;
  updatedBy!: string;
}

export const RiskSchema = new EntitySchema<Risk>({
  class: Risk,
  tableName: 'risk',
  properties: {
    id: { type: 'uuid', primary: true },
    nodeId: { type: 'uuid' },
    title: { type: 'string' },
    description: { type: 'text', nullable: true },
    probability: { type: 'smallint' },
    impact: { type: 'smallint' },
    mitigation: { type: 'text', nullable: true },
    ownerId: { type: 'string', nullable: true },
    status: { type: 'string' },
    version: { type: 'integer' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    createdBy: { type: 'string' },
    updatedBy: { type: 'string' },
  },
});

export function toRiskSnapshot(risk: Risk): RiskSnapshot {
  return {
    id: risk.id,
    nodeId: risk.nodeId,
    title: risk.title,
    description: risk.description,
    probability: risk.probability,
    impact: risk.impact,
    mitigation: risk.mitigation,
    ownerId: risk.ownerId,
    status: risk.status,
    version: risk.version,
  };
}
