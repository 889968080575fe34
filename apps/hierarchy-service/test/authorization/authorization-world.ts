import { randomUUID } from 'node:crypto';
import type { HierarchyFixture } from '../support/fixture';
import type { Relation, Role } from './expected-access';

/** The tree of one role's matrix run (see expected-access.ts), built by the suite's administrator. */
export interface AuthorizationWorld {
  role: Role;
  userId: string;
  auth: Record<string, string>;
  ids: Record<'O' | 'P1' | 'P2' | 'G1' | 'G2' | 'J1' | 'J2' | 'K1' | 'M1' | 'M2' | 'M3' | 'M4', string>;
  target: Record<Relation, string>;
  /** The risk raised on each target node beforehand. */
  riskOf: Record<Relation, string>;
}

export async function buildWorld(f: HierarchyFixture, role: Role): Promise<AuthorizationWorld> {
  const userId = randomUUID();
  const create = async (level: string, title: string, parentId?: string, extra: object = {}) => {
    const response = await f.nodes('POST', '', { level, title, ...(parentId ? { parentId } : {}), ...extra });
    if (response.statusCode !== 201) throw new Error(`setup: ${level} ${title}: ${response.body}`);
    return (response.json() as { id: string }).id;
  };
  const O = await create('organization', `Matrix ${role}`);
  const P1 = await create('portfolio', 'P1', O);
  const P2 = await create('portfolio', 'P2', O);
  const G1 = await create('program', 'G1', P1);
  const G2 = await create('program', 'G2', P2);
  const J1 = await create('project', 'J1', G1);
  const J2 = await create('project', 'J2', G1);
  const K1 = await create('measurePackage', 'K1', J1);
  const measure = (title: string, ownerId: string) =>
    create('measure', title, K1, { measureKind: 'savings', ownerId });
  const M1 = await measure('M1', userId);
  const M2 = await measure('M2', randomUUID());
  const M3 = await measure('M3', randomUUID());
  const M4 = await measure('M4', randomUUID());
  const target: Record<Relation, string> = {
    assigned: J1,
    owned: M1,
    descendant: M2,
    archived: M4,
    ancestor: G1,
    sibling: J2,
    otherBranch: G2,
    missing: randomUUID(),
  };
  const riskOf = {} as Record<Relation, string>;
  for (const [relation, nodeId] of Object.entries(target) as [Relation, string][]) {
    if (relation === 'missing') {
      riskOf[relation] = randomUUID();
      continue;
    }
    const raised = await f.nodes('POST', `/${nodeId}/risks`, {
      title: 'Supplier delay',
      probability: 2,
      impact: 3,
    });
    if (raised.statusCode !== 201) throw new Error(`setup: risk on ${relation}: ${raised.body}`);
    riskOf[relation] = (raised.json() as { id: string }).id;
  }
  const archived = await f.nodes('POST', `/${M4}/archive`, {}, { 'if-match': '"1"' });
  if (archived.statusCode !== 200) throw new Error(`setup: archive M4: ${archived.body}`);

  await f.identity.user(userId);
  // Externals are time-boxed: their assignment needs an end.
  const validUntil = role === 'external' ? new Date(Date.now() + 86_400_000).toISOString() : null;
  await f.identity.grant(userId, role, J1, validUntil);
  return {
    role,
    userId,
    auth: await f.authFor(userId),
    ids: { O, P1, P2, G1, G2, J1, J2, K1, M1, M2, M3, M4 },
    target,
    riskOf,
  };
}
