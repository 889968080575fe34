import { defineEvent } from '../../registry/define';
import {
  dependencyChangedV1Schema,
  riskRaisedV1Schema,
  riskUpdatedV1Schema,
  nodeArchivedV1Schema,
  nodeCreatedV1Schema,
  nodeMovedV1Schema,
  nodeUnarchivedV1Schema,
  nodeUpdatedV1Schema,
} from './node.schemas';
import { hierarchyNodeTopic, hierarchyRiskTopic } from './node.topic';

export const nodeCreatedV1 = defineEvent({
  topic: hierarchyNodeTopic,
  verb: 'created',
  major: 1,
  description: 'A node was created in the work tree.',
  schema: nodeCreatedV1Schema,
});

export const nodeUpdatedV1 = defineEvent({
  topic: hierarchyNodeTopic,
  verb: 'updated',
  major: 1,
  description: 'Attributes of a node changed (not its parent: see moved).',
  schema: nodeUpdatedV1Schema,
});

export const nodeMovedV1 = defineEvent({
  topic: hierarchyNodeTopic,
  verb: 'moved',
  major: 1,
  description: 'A node (with its whole subtree) was moved under another parent of the same level.',
  schema: nodeMovedV1Schema,
});

export const nodeArchivedV1 = defineEvent({
  topic: hierarchyNodeTopic,
  verb: 'archived',
  major: 1,
  description: 'A node was archived: hidden by default, kept with its values, decisions and documents.',
  schema: nodeArchivedV1Schema,
});

export const nodeUnarchivedV1 = defineEvent({
  topic: hierarchyNodeTopic,
  verb: 'unarchived',
  major: 1,
  description: 'An archived node was restored.',
  schema: nodeUnarchivedV1Schema,
});

export const nodeDependencyAddedV1 = defineEvent({
  topic: hierarchyNodeTopic,
  verb: 'dependencyAdded',
  major: 1,
  description: 'A measure now depends on another (predecessor); published on the successor.',
  schema: dependencyChangedV1Schema,
});

export const nodeDependencyRemovedV1 = defineEvent({
  topic: hierarchyNodeTopic,
  verb: 'dependencyRemoved',
  major: 1,
  description: 'A measure no longer depends on a predecessor; published on the successor.',
  schema: dependencyChangedV1Schema,
});

export const riskRaisedV1 = defineEvent({
  topic: hierarchyRiskTopic,
  verb: 'raised',
  major: 1,
  description: 'A risk was raised on a node.',
  schema: riskRaisedV1Schema,
});

export const riskUpdatedV1 = defineEvent({
  topic: hierarchyRiskTopic,
  verb: 'updated',
  major: 1,
  description: 'A risk changed (assessment, mitigation, owner, or closed).',
  schema: riskUpdatedV1Schema,
});
