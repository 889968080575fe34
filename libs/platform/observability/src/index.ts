export * from './request-context';
export * from './tracing';
export * from './logger';
export * from './otel-sdk';
