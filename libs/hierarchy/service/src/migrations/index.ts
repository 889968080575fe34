import type { MigrationEntry } from '@steerco/platform-persistence';
import { Migration20261126100000NodeTable } from './Migration20261126100000NodeTable';

/** The hierarchy schema's migrations, in order. Add new ones at the end; never edit an applied one. */
export const hierarchyMigrations: MigrationEntry[] = [
  { name: 'Migration20261126100000NodeTable', class: Migration20261126100000NodeTable },
];
