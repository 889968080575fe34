export * from './database';
export * from './kafka';
export * from './wait';
export * from './process';
export * from './identity-events';
