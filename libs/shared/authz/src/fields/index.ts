export * from './field-map';
export * from './field-access';
export * from './page-field-access';
