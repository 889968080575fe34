export * from './tabs';
export * from './atoms';
export * from './subjects';
export * from './applicability';
export * from './ownership';
