import type { ResolvedAssignment, RoleDefinition } from '../../src/roles';
import { BUILT_IN_ROLES, type BuiltInRoleId } from '../../src/roles';

/**
 * A small work tree for the specs, with UUID ids like the real ones:
 *
 *   org ─ portfolio ─ program ─┬─ project ── package ─┬─ m1 (owner alice, deputy dave, controller carol)
 *                              │                      └─ m2 (owner bob, controller carol)
 *                              └─ project2 ─ package2 ── m3 (owner alice)
 */
/** Every node of the tree, organization first. */
export const NODE_NAMES = [
  'org',
  'portfolio',
  'program',
  'project',
  'package',
  'm1',
  'm2',
  'project2',
  'package2',
  'm3',
] as const;
export type NodeName = (typeof NODE_NAMES)[number];

export const ids = Object.fromEntries(
  NODE_NAMES.map((name, i) => [name, `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`]),
) as Record<NodeName, string>;

const PARENT: Record<NodeName, NodeName | null> = {
  org: null,
  portfolio: 'org',
  program: 'portfolio',
  project: 'program',
  package: 'project',
  m1: 'package',
  m2: 'package',
  project2: 'program',
  package2: 'project2',
  m3: 'package2',
};

export function pathOf(name: NodeName): string[] {
  const parent = PARENT[name];
  return parent ? [...pathOf(parent), ids[name]] : [ids[name]];
}

const PEOPLE: Partial<Record<NodeName, { ownerId: string; deputyId?: string; controllerId?: string }>> = {
  m1: { ownerId: 'alice', deputyId: 'dave', controllerId: 'carol' },
  m2: { ownerId: 'bob', controllerId: 'carol' },
  m3: { ownerId: 'alice' },
};

/** A node record as the hierarchy API returns it (the fields the specs need). */
export function node(name: NodeName): Record<string, unknown> {
  const people = PEOPLE[name];
  return {
    id: ids[name],
    key: name.toUpperCase(),
    title: `Node ${name}`,
    path: pathOf(name),
    ownerId: people?.ownerId ?? null,
    deputyId: people?.deputyId ?? null,
    controllerId: people?.controllerId ?? null,
  };
}

/** An object hanging on a node carries the node's path and its owner and deputy (`OWNERSHIP_FIELDS`). */
export function onNode(name: NodeName, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const people = PEOPLE[name];
  return {
    id: `${name}-child`,
    path: pathOf(name),
    nodeOwnerId: people?.ownerId ?? null,
    nodeDeputyId: people?.deputyId ?? null,
    ...fields,
  };
}

let sequence = 0;

export function assign(
  userId: string,
  role: BuiltInRoleId | RoleDefinition,
  at: NodeName,
  validUntil?: string,
): ResolvedAssignment {
  const definition = typeof role === 'string' ? BUILT_IN_ROLES[role] : role;
  sequence += 1;
  return {
    id: `assignment-${sequence}`,
    userId,
    roleId: definition.id,
    nodeId: ids[at],
    nodePath: pathOf(at),
    role: definition,
    ...(validUntil ? { validUntil } : {}),
  };
}

/** A fixed clock: 2027-03-15T12:00:00Z. */
export const NOW = new Date('2027-03-15T12:00:00Z');
export const fixedClock = () => NOW;
