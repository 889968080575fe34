export * from './field-map';
export * from './field-access';
