export * from './ability-cache';
