export * from './cloudevents/cloud-event';
export * from './cloudevents/kafka-binding';
export * from './registry/define';
export * from './registry/registry';
export * from './events/hierarchy/node.topic';
export * from './events/hierarchy/node.schemas';
export * from './events/hierarchy/node.events';
export * from './asyncapi/asyncapi-document';
