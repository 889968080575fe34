export * from './pack-ability';
