/**
 * The expected access of every built-in role to every hierarchy route, written by hand from domain §6
 * (never computed from the rules in libs/shared/authz, so a loosened rule there shows up here).
 *
 * Each role is assigned on a project J1 of a tree of its own:
 *
 *   O (organization)
 *   ├─ P1 ─ G1 (program) ─┬─ J1 (project, the assignment) ─ K1 (package) ─┬─ M1 (measure, owned by the user)
 *   │                     │                                              ├─ M2 (measure, someone else's)
 *   │                     │                                              ├─ M3 (measure, predecessor in link tests)
 *   │                     │                                              └─ M4 (measure, archived)
 *   │                     └─ J2 (project: a sibling)
 *   └─ P2 ─ G2 (program: another branch)
 *
 * Relations name the node a request targets: `assigned` J1, `owned` M1, `descendant` M2, `archived` M4,
 * `ancestor` G1, `sibling` J2, `otherBranch` G2, `missing` a random id.
 */
export const ROLES = [
  'org-admin',
  'pmo-admin',
  'sponsor',
  'program-manager',
  'project-manager',
  'measure-owner',
  'controller',
  'team-member',
  'viewer',
  'external',
] as const;
export type Role = (typeof ROLES)[number];

export const RELATIONS = [
  'assigned',
  'owned',
  'descendant',
  'archived',
  'ancestor',
  'sibling',
  'otherBranch',
  'missing',
] as const;
export type Relation = (typeof RELATIONS)[number];

/** Expected HTTP status per role: each role listed exactly once. */
export type Outcome = Partial<Record<number, readonly Role[]>>;

const all = ROLES;
/** Edit the work tree's structure and overview: the admins and the managers (not the org admin's delegates only). */
const editors: readonly Role[] = ['org-admin', 'pmo-admin', 'program-manager', 'project-manager'];
const notEditors: readonly Role[] = [
  'sponsor',
  'measure-owner',
  'controller',
  'team-member',
  'viewer',
  'external',
];
const editorsAndOwner: readonly Role[] = [...editors, 'measure-owner'];
const notEditorsNorOwner: readonly Role[] = ['sponsor', 'controller', 'team-member', 'viewer', 'external'];
/** Read the audit trail and the status tab (risks): everyone but team members, viewers and externals. */
const auditors: readonly Role[] = [
  'org-admin',
  'pmo-admin',
  'sponsor',
  'program-manager',
  'project-manager',
  'measure-owner',
  'controller',
];
const notAuditors: readonly Role[] = ['team-member', 'viewer', 'external'];
/** Change risks (status tab): the org admin only hands that on, sponsors and controllers only look. */
const riskEditors: readonly Role[] = ['pmo-admin', 'program-manager', 'project-manager'];
const notRiskEditors: readonly Role[] = [
  'org-admin',
  'sponsor',
  'measure-owner',
  'controller',
  'team-member',
  'viewer',
  'external',
];
const riskEditorsAndOwner: readonly Role[] = [...riskEditors, 'measure-owner'];
const notRiskEditorsNorOwner: readonly Role[] = [
  'org-admin',
  'sponsor',
  'controller',
  'team-member',
  'viewer',
  'external',
];

/** Outside the subtree of the assignment, or absent: not found, alike, for everyone. */
const hidden = {
  ancestor: { 404: all },
  sibling: { 404: all },
  otherBranch: { 404: all },
  missing: { 404: all },
};

export type RouteKey = `${'GET' | 'POST' | 'PATCH' | 'DELETE'} ${string}`;

export const EXPECTED: Record<RouteKey, Record<Relation, Outcome>> = {
  // Lists ignore the relation (rows are compared separately); every role sees its subtree.
  'GET /api/hierarchy/nodes': {
    assigned: { 200: all },
    owned: { 200: all },
    descendant: { 200: all },
    archived: { 200: all },
    ancestor: { 200: all },
    sibling: { 200: all },
    otherBranch: { 200: all },
    missing: { 200: all },
  },
  'GET /api/hierarchy/nodes/:id': {
    assigned: { 200: all },
    owned: { 200: all },
    descendant: { 200: all },
    archived: { 200: all },
    ...hidden,
  },
  'GET /api/hierarchy/nodes/:id/ancestors': {
    assigned: { 200: all },
    owned: { 200: all },
    descendant: { 200: all },
    archived: { 200: all },
    ...hidden,
  },
  'GET /api/hierarchy/nodes/:id/children': {
    assigned: { 200: all },
    owned: { 200: all },
    descendant: { 200: all },
    archived: { 200: all },
    ...hidden,
  },
  'GET /api/hierarchy/nodes/:id/subtree': {
    assigned: { 200: all },
    owned: { 200: all },
    descendant: { 200: all },
    archived: { 200: all },
    ...hidden,
  },
  'GET /api/hierarchy/nodes/:id/history': {
    assigned: { 200: auditors, 403: notAuditors },
    owned: { 200: auditors, 403: notAuditors },
    descendant: { 200: auditors, 403: notAuditors },
    archived: { 200: auditors, 403: notAuditors },
    ...hidden,
  },
  'GET /api/hierarchy/nodes/:id/dependencies': {
    assigned: { 200: all },
    owned: { 200: all },
    descendant: { 200: all },
    archived: { 200: all },
    ...hidden,
  },
  'GET /api/hierarchy/nodes/:id/risks': {
    assigned: { 200: auditors, 403: notAuditors },
    owned: { 200: auditors, 403: notAuditors },
    descendant: { 200: auditors, 403: notAuditors },
    archived: { 200: auditors, 403: notAuditors },
    ...hidden,
  },
  // A child of the target: a package under J1; under a measure the level rule refuses it (after authorization).
  'POST /api/hierarchy/nodes': {
    assigned: { 201: editors, 403: notEditors },
    owned: { 422: editorsAndOwner, 403: notEditorsNorOwner },
    descendant: { 422: editors, 403: notEditors },
    archived: { 422: editors, 403: notEditors },
    ...{ ancestor: { 422: all }, sibling: { 422: all }, otherBranch: { 422: all }, missing: { 422: all } },
  },
  'PATCH /api/hierarchy/nodes/:id': {
    assigned: { 200: editors, 403: notEditors },
    owned: { 200: editorsAndOwner, 403: notEditorsNorOwner },
    descendant: { 200: editors, 403: notEditors },
    archived: { 422: editors, 403: notEditors },
    ...hidden,
  },
  // A move to the current parent: the node and its parent must both be editable; J1's parent is out of scope.
  'POST /api/hierarchy/nodes/:id/move': {
    assigned: { 422: editors, 403: notEditors },
    owned: { 200: editors, 403: ['measure-owner', ...notEditorsNorOwner] },
    descendant: { 200: editors, 403: notEditors },
    archived: { 422: editors, 403: notEditors },
    ...hidden,
  },
  // J1 has active descendants: refused without cascade. M1 and M2 get archived (and restored by unarchive).
  'POST /api/hierarchy/nodes/:id/archive': {
    assigned: { 422: editors, 403: notEditors },
    owned: { 200: editorsAndOwner, 403: notEditorsNorOwner },
    descendant: { 200: editors, 403: notEditors },
    archived: { 200: editors, 403: notEditors },
    ...hidden,
  },
  'POST /api/hierarchy/nodes/:id/unarchive': {
    assigned: { 200: editors, 403: notEditors },
    owned: { 200: editorsAndOwner, 403: notEditorsNorOwner },
    descendant: { 200: editors, 403: notEditors },
    archived: { 200: editors, 403: notEditors },
    ...hidden,
  },
  // M3 as the predecessor; J1 is not a measure.
  'POST /api/hierarchy/nodes/:id/dependencies': {
    assigned: { 422: editors, 403: notEditors },
    owned: { 201: editorsAndOwner, 403: notEditorsNorOwner },
    descendant: { 201: editors, 403: notEditors },
    archived: { 201: editors, 403: notEditors },
    ...hidden,
  },
  // Removes the M3 link added just before (where it could be added).
  'DELETE /api/hierarchy/nodes/:id/dependencies/:predecessorId': {
    assigned: { 422: editors, 403: notEditors },
    owned: { 200: editorsAndOwner, 403: notEditorsNorOwner },
    descendant: { 200: editors, 403: notEditors },
    archived: { 200: editors, 403: notEditors },
    ...hidden,
  },
  'POST /api/hierarchy/nodes/:id/risks': {
    assigned: { 201: riskEditors, 403: notRiskEditors },
    owned: { 201: riskEditorsAndOwner, 403: notRiskEditorsNorOwner },
    descendant: { 201: riskEditors, 403: notRiskEditors },
    archived: { 422: riskEditors, 403: notRiskEditors },
    ...hidden,
  },
  // A risk raised on every node beforehand by an administrator.
  'PATCH /api/hierarchy/nodes/:id/risks/:riskId': {
    assigned: { 200: riskEditors, 403: notRiskEditors },
    owned: { 200: riskEditorsAndOwner, 403: notRiskEditorsNorOwner },
    descendant: { 200: riskEditors, 403: notRiskEditors },
    archived: { 200: riskEditors, 403: notRiskEditors },
    ...{ ancestor: { 404: all }, sibling: { 404: all }, otherBranch: { 404: all }, missing: { 404: all } },
  },
  // One row under the target, by its key. A key out of scope is unknown to the caller, like a missing one.
  // Who may place nodes nowhere (no edit of any node's overview) is refused before the file is read.
  'POST /api/hierarchy/imports': {
    assigned: { 201: editors, 403: notEditors },
    owned: { 422: editorsAndOwner, 403: notEditorsNorOwner },
    descendant: { 422: editorsAndOwner, 403: notEditorsNorOwner },
    archived: { 422: editorsAndOwner, 403: notEditorsNorOwner },
    ancestor: { 422: editorsAndOwner, 403: notEditorsNorOwner },
    sibling: { 422: editorsAndOwner, 403: notEditorsNorOwner },
    otherBranch: { 422: editorsAndOwner, 403: notEditorsNorOwner },
    missing: { 422: editorsAndOwner, 403: notEditorsNorOwner },
  },
};

/** Routes anyone may call without a token: probes, metrics (meant for the cluster network) and the API contract. */
export const PUBLIC_ROUTES: readonly RouteKey[] = [
  'GET /api/hierarchy/openapi.json',
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
];
