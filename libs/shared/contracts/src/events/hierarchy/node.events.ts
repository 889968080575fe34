import { defineEvent } from '../../registry/define';
import { nodeCreatedV1Schema, nodeUpdatedV1Schema } from './node.schemas';
import { hierarchyNodeTopic } from './node.topic';

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
