import { RequestMethod } from '@nestjs/common';
import { RouteDiscovery } from '@steerco/platform-nest';
import { buildWorld, type AuthorizationWorld } from './authorization/authorization-world';
import {
  EXPECTED,
  PUBLIC_ROUTES,
  RELATIONS,
  ROLES,
  type Relation,
  type Role,
  type RouteKey,
} from './authorization/expected-access';
import { callRoute } from './authorization/route-calls';
import { startHierarchyFixture, type HierarchyFixture } from './support/fixture';

/** The order routes run in for each role: reads first, then changes, archive and unarchive last. */
const ORDER: RouteKey[] = [
  'GET /api/hierarchy/nodes',
  'GET /api/hierarchy/nodes/:id',
  'GET /api/hierarchy/nodes/:id/ancestors',
  'GET /api/hierarchy/nodes/:id/children',
  'GET /api/hierarchy/nodes/:id/subtree',
  'GET /api/hierarchy/nodes/:id/history',
  'GET /api/hierarchy/nodes/:id/dependencies',
  'GET /api/hierarchy/nodes/:id/risks',
  'POST /api/hierarchy/nodes',
  'PATCH /api/hierarchy/nodes/:id',
  'POST /api/hierarchy/nodes/:id/move',
  'POST /api/hierarchy/nodes/:id/dependencies',
  'DELETE /api/hierarchy/nodes/:id/dependencies/:predecessorId',
  'POST /api/hierarchy/nodes/:id/risks',
  'PATCH /api/hierarchy/nodes/:id/risks/:riskId',
  'POST /api/hierarchy/imports',
  'POST /api/hierarchy/nodes/:id/archive',
  'POST /api/hierarchy/nodes/:id/unarchive',
];

/** The fields a node may carry in a response: its id and the overview tab, which every built-in role views. */
const NODE_FIELDS = new Set([
  'id',
  'key',
  'level',
  'parentId',
  'path',
  'title',
  'description',
  'ownerId',
  'deputyId',
  'sponsorId',
  'controllerId',
  'businessUnit',
  'function',
  'legalEntity',
  'region',
  'costCentre',
  'measureKind',
  'customerRef',
  'tags',
  'archived',
  'version',
]);
const RESTRICTED_ANCESTOR_FIELDS = ['id', 'level', 'restricted', 'title'];

function expectedStatus(route: RouteKey, relation: Relation, role: Role): number {
  const outcome = EXPECTED[route][relation];
  const statuses = Object.entries(outcome).filter(([, roles]) => roles?.includes(role));
  if (statuses.length !== 1)
    throw new Error(`${route} ${relation}: ${role} is listed ${statuses.length} times`);
  return Number(statuses[0][0]);
}

/** Every node-shaped object of a response carries only fields the caller may view. */
function fieldViolations(body: unknown, path = '$'): string[] {
  if (Array.isArray(body)) return body.flatMap((item, i) => fieldViolations(item, `${path}[${i}]`));
  if (!body || typeof body !== 'object') return [];
  const record = body as Record<string, unknown>;
  if ('restricted' in record) {
    const keys = Object.keys(record).sort();
    return keys.join() === RESTRICTED_ANCESTOR_FIELDS.join()
      ? []
      : [`${path}: restricted ancestor has ${keys}`];
  }
  if ('level' in record && 'key' in record) {
    return Object.keys(record)
      .filter((key) => !NODE_FIELDS.has(key))
      .map((key) => `${path}.${key}`);
  }
  return Object.entries(record).flatMap(([key, value]) => fieldViolations(value, `${path}.${key}`));
}

describe('authorization matrix: every built-in role × every route × every scope relation', () => {
  let f: HierarchyFixture;

  beforeAll(async () => {
    f = await startHierarchyFixture();
  });
  afterAll(() => f?.close());

  it('has a hand-written expectation for every route of the running service, and each role once per cell', () => {
    const discovered = f.t.app
      .get(RouteDiscovery)
      .routes()
      .map((route) => ({
        key: `${RequestMethod[route.method]} ${route.path}` as RouteKey,
        isPublic: route.isPublic,
      }));
    expect(
      discovered
        .filter((r) => !r.isPublic)
        .map((r) => r.key)
        .sort(),
    ).toEqual(Object.keys(EXPECTED).sort());
    expect(
      discovered
        .filter((r) => r.isPublic)
        .map((r) => r.key)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES].sort());
    expect([...ORDER].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const route of ORDER)
      for (const relation of RELATIONS) for (const role of ROLES) expectedStatus(route, relation, role);
  });

  describe.each(ROLES)('%s assigned on a project', (role) => {
    let world: AuthorizationWorld;

    beforeAll(async () => {
      world = await buildWorld(f, role);
    }, 60_000);

    const ids = (body: unknown) =>
      ((body as { items: { id: string }[] }).items ?? []).map((n) => n.id).sort();

    it('lists exactly the nodes of its subtree, row by row', async () => {
      const { J1, K1, M1, M2, M3, M4, O, P1, G1 } = world.ids;
      const get = async (url: string) => {
        const response = await f.t.request({ method: 'GET', url, headers: world.auth });
        expect(response.statusCode).toBe(200);
        expect(fieldViolations(response.json())).toEqual([]);
        return response.json();
      };
      expect(ids(await get('/api/hierarchy/nodes?limit=200'))).toEqual([J1, K1, M1, M2, M3].sort());
      expect(ids(await get('/api/hierarchy/nodes?limit=200&includeArchived=true'))).toEqual(
        [J1, K1, M1, M2, M3, M4].sort(),
      );
      expect(ids(await get(`/api/hierarchy/nodes?parentId=${G1}`))).toEqual([J1]);
      expect(ids(await get(`/api/hierarchy/nodes/${J1}/subtree`))).toEqual([K1, M1, M2, M3].sort());
      expect(ids(await get(`/api/hierarchy/nodes/${J1}/children`))).toEqual([K1]);
      const breadcrumb = (await get(`/api/hierarchy/nodes/${M2}/ancestors`)) as {
        items: { id: string; restricted?: true }[];
      };
      expect(breadcrumb.items.map((n) => [n.id, n.restricted ?? false])).toEqual([
        [O, true],
        [P1, true],
        [G1, true],
        [J1, false],
        [K1, false],
      ]);
    });

    it.each(ORDER)('%s', async (route) => {
      const actual: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const relation of RELATIONS) {
        const response = await callRoute(f, world, route, relation);
        actual[relation] = response.statusCode;
        expected[relation] = expectedStatus(route, relation, role);
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        } else if (response.body) {
          expect(fieldViolations(response.json())).toEqual([]);
        }
      }
      expect(actual).toEqual(expected);
    });
  });
});
