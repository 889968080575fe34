import { defineEvent } from '../../registry/define';
import { assignmentChangedV1Schema, roleChangedV1Schema, roleDeletedV1Schema } from './access.schemas';
import { identityAssignmentTopic, identityRoleTopic } from './access.topic';

export const roleCreatedV1 = defineEvent({
  topic: identityRoleTopic,
  verb: 'created',
  major: 1,
  description: 'A custom role was composed from permission atoms.',
  schema: roleChangedV1Schema,
});

export const roleUpdatedV1 = defineEvent({
  topic: identityRoleTopic,
  verb: 'updated',
  major: 1,
  description:
    'A custom role changed: its name, description, grants or flags; the full role after the change.',
  schema: roleChangedV1Schema,
});

export const roleDeletedV1 = defineEvent({
  topic: identityRoleTopic,
  verb: 'deleted',
  major: 1,
  description: 'A custom role was deleted (only when no assignment names it).',
  schema: roleDeletedV1Schema,
});

export const assignmentGrantedV1 = defineEvent({
  topic: identityAssignmentTopic,
  verb: 'granted',
  major: 1,
  description: 'A user was given a role on a node and its subtree.',
  schema: assignmentChangedV1Schema,
});

export const assignmentUpdatedV1 = defineEvent({
  topic: identityAssignmentTopic,
  verb: 'updated',
  major: 1,
  description: 'An assignment changed (its validUntil); the full assignment after the change.',
  schema: assignmentChangedV1Schema,
});

export const assignmentRevokedV1 = defineEvent({
  topic: identityAssignmentTopic,
  verb: 'revoked',
  major: 1,
  description: 'An assignment was removed: it grants nothing from the moment the event arrives.',
  schema: assignmentChangedV1Schema,
});
