export * from './levels';
export * from './hierarchy.errors';
export * from './node-rules';
export * from './field-changes';
