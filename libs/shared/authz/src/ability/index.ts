export * from './ability.types';
export * from './ancestry';
export * from './as-subject';
export * from './active-assignments';
export * from './create-ability';
export * from './define-ability';
export * from './expand-grant';
