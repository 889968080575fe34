import {
  asSubject,
  filterFields,
  filterFieldsOfPage,
  forbiddenFieldsForWrite,
  scopeFilterFor,
  scopeFilterToSql,
  type Atom,
  type SqlFragment,
  type SubjectType,
  type Tab,
} from '@steerco/authz';
import type { NodeSnapshot } from '@steerco/contracts';
import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { PlatformErrors, type FieldError } from '@steerco/platform-nest';
import { idsOfPath } from '../nodes/node.entity';
import type { CallerAccess } from './hierarchy-access';

/** What was refused, attached to the refusal so the audit interceptor can record it. */
export interface DenialFacts {
  nodeId?: string;
  atom: string;
  tab?: Tab;
  type?: SubjectType;
  fields?: readonly string[];
}

const DENIAL = Symbol('steerco.authorizationDenial');

function denial<E extends Error>(error: E, facts: DenialFacts): E {
  return Object.assign(error, { [DENIAL]: facts });
}

/** The facts of an authorization refusal, or undefined for any other error. */
export function denialOf(error: unknown): DenialFacts | undefined {
  return error && typeof error === 'object' ? (error as { [DENIAL]?: DenialFacts })[DENIAL] : undefined;
}

/** The facts about a node that decide access: where it is, who owns it. */
export interface NodeFacts {
  id: string;
  path: readonly string[];
  ownerId: string | null;
  deputyId: string | null;
}

/** A record hanging on a node (risk, dependency, audit record) is placed and owned through that node. */
function onNode(node: NodeFacts) {
  return { path: node.path, nodeOwnerId: node.ownerId, nodeDeputyId: node.deputyId };
}

function subjectOf(type: SubjectType, node: NodeFacts) {
  return type === 'Node' ? asSubject('Node', { ...node }) : asSubject(type, onNode(node));
}

/** Whether the caller may see the node at all (any tab). */
export function canSee(access: CallerAccess, node: NodeFacts): boolean {
  return access.ability.can('view', subjectOf('Node', node));
}

/**
 * Object, then scope: a node the caller may not see answers exactly as a node that does not exist, so
 * its existence leaks nothing (domain §6).
 */
export function assertVisible(access: CallerAccess, node: NodeFacts, fields: FieldError[] = []): void {
  if (!canSee(access, node)) {
    throw denial(HierarchyErrors.NODE_NOT_FOUND(`No node ${node.id}.`, fields), {
      nodeId: node.id,
      atom: 'view',
    });
  }
}

/** A permission on one tab of the node (or of a record hanging on it), after it was found visible. */
export function assertMay(
  access: CallerAccess,
  atom: Atom,
  node: NodeFacts,
  tab: Tab,
  type: SubjectType = 'Node',
): void {
  if (!access.ability.can(atom, subjectOf(type, node), tab)) {
    throw denial(
      PlatformErrors.FORBIDDEN(
        `You may not ${atom} the ${tab} of ${type === 'Node' ? 'this node' : `this node's ${type.toLowerCase()}s`}.`,
      ),
      { nodeId: node.id, atom, tab, type },
    );
  }
}

/** A write touching any field on a tab the caller may not edit is refused as a whole, naming every such field. */
export function assertMayWrite(
  access: CallerAccess,
  node: NodeFacts,
  changedFields: readonly string[],
): void {
  const forbidden = forbiddenFieldsForWrite(access.ability, 'Node', { ...node }, changedFields);
  if (forbidden.length > 0) {
    throw denial(
      PlatformErrors.FORBIDDEN(
        `You may not change ${forbidden.join(', ')} of this node.`,
        forbidden.map((field) => ({ field: `body.${field}`, message: 'is on a tab you may not edit' })),
      ),
      { nodeId: node.id, atom: 'edit', fields: forbidden },
    );
  }
}

/** The node with only the fields of the tabs the caller may view. */
export function visibleFields(access: CallerAccess, node: NodeSnapshot): Partial<NodeSnapshot> {
  return filterFields(access.ability, 'view', 'Node', node) as Partial<NodeSnapshot>;
}

/** The list filter: the nodes the caller may see, as a predicate on the ltree path column. */
export function visibleScopeSql(access: CallerAccess, pathColumn: string, nextParam: number): SqlFragment {
  return scopeFilterToSql(scopeFilterFor(access.ability, 'view', 'Node'), pathColumn, nextParam);
}

export function assertPlatformAdmin(access: CallerAccess, what: string): void {
  if (!access.platformAdmin) {
    throw denial(PlatformErrors.FORBIDDEN(`Only an installation administrator may ${what}.`), {
      atom: 'platform-admin',
    });
  }
}

/**
 * Whether the caller may import at all: place nodes under some node (an edit of its overview, anywhere) or
 * create organizations (an installation administrator). Judged before the file is read, so a caller who
 * may place nothing anywhere gets 403 without the service parsing a file of up to 100,000 rows for them.
 * Where the rows go is judged once they are read (`authorizePlacements` in the import).
 */
export function assertMayImport(access: CallerAccess): void {
  if (access.platformAdmin || access.ability.can('edit', 'Node', 'overview')) return;
  throw denial(
    PlatformErrors.FORBIDDEN('You may not place nodes anywhere in the tree, so you may not import.'),
    {
      atom: 'edit',
      tab: 'overview',
    },
  );
}

/** Moving, archiving and unarchiving change the tree's structure: an edit of the node's overview. */
export function assertMayChangeStructure(access: CallerAccess, node: NodeFacts): void {
  assertVisible(access, node);
  assertMay(access, 'edit', node, 'overview');
}

/**
 * For a record hanging on a node (risk, dependency): the node must exist and be visible (else not found,
 * alike), then the atom must be held on the record type's tab there.
 */
export function authorizeOnNode<
  T extends { path: string; ownerId: string | null; deputyId: string | null; id: string },
>(
  access: CallerAccess,
  node: T | null,
  nodeId: string,
  atom: Atom,
  tab: Tab,
  type: SubjectType,
): asserts node is T {
  if (!node) throw HierarchyErrors.NODE_NOT_FOUND(`No node ${nodeId}.`);
  const facts: NodeFacts = {
    id: node.id,
    path: idsOfPath(node.path),
    ownerId: node.ownerId,
    deputyId: node.deputyId,
  };
  assertVisible(access, facts);
  assertMay(access, atom, facts, tab, type);
}

/** `visibleFields` for a whole page, worked out once per page where the caller's rules allow (authz). */
export function visibleFieldsOfPage(
  access: CallerAccess,
  nodes: readonly NodeSnapshot[],
): Partial<NodeSnapshot>[] {
  return filterFieldsOfPage(access.ability, 'view', 'Node', nodes);
}
