import { defineTopic } from '../../registry/define';

export const hierarchyNodeTopic = defineTopic({
  service: 'hierarchy',
  aggregate: 'node',
  major: 1,
  description:
    'Every change of a node of the work tree (Organization > Portfolio > Program > Project > Measure Package > Measure). Keyed by node id, so the events of one node are ordered.',
});

export const hierarchyRiskTopic = defineTopic({
  service: 'hierarchy',
  aggregate: 'risk',
  major: 1,
  description: 'Risks raised on nodes (probability, impact, mitigation, owner). Keyed by risk id.',
});
