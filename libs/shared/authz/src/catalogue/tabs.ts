/**
 * The tabs of domain §6: the field groups every permission is granted on. The order is the order a node's
 * page shows them, and the order every list of tabs in this library follows.
 */
export const TABS = [
  'overview',
  'financials-plan',
  'financials-actual',
  'status',
  'milestones-tasks',
  'documents',
  'gates-decisions',
  'history-audit',
  'settings',
] as const;

export type Tab = (typeof TABS)[number];

export function isTab(value: unknown): value is Tab {
  return typeof value === 'string' && (TABS as readonly string[]).includes(value);
}

/** Tabs in catalogue order, without duplicates. */
export function sortTabs(tabs: Iterable<Tab>): Tab[] {
  const present = new Set(tabs);
  return TABS.filter((tab) => present.has(tab));
}
