import { defineTopic } from '../../registry/define';

export const identityRoleTopic = defineTopic({
  service: 'identity',
  aggregate: 'role',
  major: 1,
  description:
    'Custom roles: created, changed (their grants), deleted. Keyed by role id. Built-in roles are part of the shared authorization library and never appear here. Services project custom roles from it to resolve the assignments that name them.',
});

export const identityAssignmentTopic = defineTopic({
  service: 'identity',
  aggregate: 'assignment',
  major: 1,
  description:
    'Role assignments (user × role × hierarchy node, optionally time-boxed): granted, changed, revoked. Keyed by user id, so the assignments of one user are ordered. Every service keeps its own projection and enforces a revocation as soon as the event arrives.',
});
