import type { HierarchyFixture } from '../support/fixture';
import type { TestResponse } from '../support/test-app';
import type { AuthorizationWorld } from './authorization-world';
import type { Relation, RouteKey } from './expected-access';

const CHILD_LEVEL: Record<string, string> = {
  organization: 'portfolio',
  portfolio: 'program',
  program: 'project',
  project: 'measurePackage',
  measurePackage: 'measure',
  measure: 'measure',
};

async function nodeRow(f: HierarchyFixture, id: string) {
  const { rows } = await f.pg.query(
    'select key, level, version, parent_id from hierarchy.node where id = $1',
    [id],
  );
  return rows[0] as { key: string; level: string; version: number; parent_id: string } | undefined;
}

/**
 * One request of the route against the relation's node, as the world's user, with a body that would
 * succeed if the caller were allowed (current versions, valid fields).
 */
export async function callRoute(
  f: HierarchyFixture,
  world: AuthorizationWorld,
  route: RouteKey,
  relation: Relation,
): Promise<TestResponse> {
  const id = world.target[relation];
  const node = await nodeRow(f, id);
  const ifMatch = { 'if-match': `"${node?.version ?? 1}"` };
  const send = (method: string, url: string, body?: object | string, headers: Record<string, string> = {}) =>
    f.t.request({
      method,
      url,
      headers: {
        ...world.auth,
        ...(body === undefined
          ? {}
          : { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' }),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const base = `/api/hierarchy/nodes/${id}`;
  switch (route) {
    case 'GET /api/hierarchy/nodes':
      return send('GET', '/api/hierarchy/nodes?limit=200');
    case 'GET /api/hierarchy/nodes/:id':
      return send('GET', base);
    case 'GET /api/hierarchy/nodes/:id/ancestors':
    case 'GET /api/hierarchy/nodes/:id/children':
    case 'GET /api/hierarchy/nodes/:id/subtree':
    case 'GET /api/hierarchy/nodes/:id/history':
    case 'GET /api/hierarchy/nodes/:id/dependencies':
    case 'GET /api/hierarchy/nodes/:id/risks':
      return send('GET', `${base}/${route.split('/').pop()}`);
    case 'POST /api/hierarchy/nodes':
      return send('POST', '/api/hierarchy/nodes', {
        level: CHILD_LEVEL[node?.level ?? 'measure'],
        title: `Child by ${world.role}`,
        parentId: id,
      });
    case 'PATCH /api/hierarchy/nodes/:id':
      return send('PATCH', base, { title: `Renamed by ${world.role}` }, ifMatch);
    case 'POST /api/hierarchy/nodes/:id/move':
      return send('POST', `${base}/move`, { parentId: node?.parent_id ?? world.ids.K1 }, ifMatch);
    case 'POST /api/hierarchy/nodes/:id/archive':
      return send('POST', `${base}/archive`, {}, ifMatch);
    case 'POST /api/hierarchy/nodes/:id/unarchive':
      return send('POST', `${base}/unarchive`, undefined, ifMatch);
    case 'POST /api/hierarchy/nodes/:id/dependencies':
      return send('POST', `${base}/dependencies`, { predecessorId: world.ids.M3 });
    case 'DELETE /api/hierarchy/nodes/:id/dependencies/:predecessorId':
      return send('DELETE', `${base}/dependencies/${world.ids.M3}`);
    case 'POST /api/hierarchy/nodes/:id/risks':
      return send('POST', `${base}/risks`, { title: `Raised by ${world.role}`, probability: 3, impact: 4 });
    case 'PATCH /api/hierarchy/nodes/:id/risks/:riskId': {
      const { rows } = await f.pg.query('select version from hierarchy.risk where id = $1', [
        world.riskOf[relation],
      ]);
      return send(
        'PATCH',
        `${base}/risks/${world.riskOf[relation]}`,
        { title: `Reassessed by ${world.role}` },
        { 'if-match': `"${rows[0]?.version ?? 1}"` },
      );
    }
    case 'POST /api/hierarchy/imports':
      return send(
        'POST',
        '/api/hierarchy/imports',
        `ref,parentKey,level,title\r\nr1,${node?.key ?? 'PJ-999999'},${CHILD_LEVEL[node?.level ?? 'measure']},Imported by ${world.role}\r\n`,
      );
    default:
      throw new Error(`no call defined for ${route}: add it here and to expected-access.ts`);
  }
}
