export * from './sod-rules';
export * from './check-assignment-sod';
export * from './check-action-sod';
