export * from './define-config';
export * from './schemas';
export * from './platform-variables';
