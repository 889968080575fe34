import { NODE_LEVELS, type NodeLevel } from '@steerco/contracts';

export { NODE_LEVELS, type NodeLevel };

/** Key prefix per level: the stable human key is `<prefix>-<number>` (domain §1). */
export const KEY_PREFIX: Record<NodeLevel, string> = {
  organization: 'ORG',
  portfolio: 'PF',
  program: 'PG',
  project: 'PJ',
  measurePackage: 'MP',
  measure: 'M',
};

/** The level a parent must have, or null for the root level. */
export function parentLevelOf(level: NodeLevel): NodeLevel | null {
  const index = NODE_LEVELS.indexOf(level);
  return index === 0 ? null : NODE_LEVELS[index - 1];
}

export function formatNodeKey(level: NodeLevel, sequence: number): string {
  // Measures are the many: M-000123 keeps their keys aligned in lists and exports.
  const number = level === 'measure' ? String(sequence).padStart(6, '0') : String(sequence);
  return `${KEY_PREFIX[level]}-${number}`;
}
