import {
  nodeArchivedV1,
  nodeCreatedV1,
  nodeDependencyAddedV1,
  nodeDependencyRemovedV1,
  nodeMovedV1,
  nodeUnarchivedV1,
  nodeUpdatedV1,
  riskRaisedV1,
  riskUpdatedV1,
} from '../events/hierarchy/node.events';
import { hierarchyNodeTopic, hierarchyRiskTopic } from '../events/hierarchy/node.topic';
import {
  userActivatedV1,
  userCreatedV1,
  userDisabledV1,
  userMfaEnrolledV1,
  userMfaResetV1,
  userUpdatedV1,
} from '../events/identity/user.events';
import { identityUserTopic } from '../events/identity/user.topic';
import {
  assignmentGrantedV1,
  assignmentRevokedV1,
  assignmentUpdatedV1,
  roleCreatedV1,
  roleDeletedV1,
  roleUpdatedV1,
} from '../events/identity/access.events';
import { identityAssignmentTopic, identityRoleTopic } from '../events/identity/access.topic';
import type { EventDefinition, TopicDefinition } from './define';

/**
 * The one list of every topic and event type Steerco publishes. The AsyncAPI document external consumers read
 * is generated from it; a service may only emit an event listed here.
 */
export const TOPICS: readonly TopicDefinition[] = [
  hierarchyNodeTopic,
  hierarchyRiskTopic,
  identityUserTopic,
  identityRoleTopic,
  identityAssignmentTopic,
];

export const EVENTS: readonly EventDefinition[] = [
  nodeCreatedV1,
  nodeUpdatedV1,
  nodeMovedV1,
  nodeArchivedV1,
  nodeUnarchivedV1,
  nodeDependencyAddedV1,
  nodeDependencyRemovedV1,
  riskRaisedV1,
  riskUpdatedV1,
  userCreatedV1,
  userUpdatedV1,
  userActivatedV1,
  userDisabledV1,
  userMfaEnrolledV1,
  userMfaResetV1,
  roleCreatedV1,
  roleUpdatedV1,
  roleDeletedV1,
  assignmentGrantedV1,
  assignmentUpdatedV1,
  assignmentRevokedV1,
];

const eventsByType = new Map(EVENTS.map((e) => [e.type, e]));

export function findEventDefinition(type: string): EventDefinition | undefined {
  return eventsByType.get(type);
}
