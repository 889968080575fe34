import type { MigrationEntry } from '@steerco/platform-persistence';
import { Migration20261126100000NodeTable } from './Migration20261126100000NodeTable';
import { Migration20261126110000DependenciesAndRisks } from './Migration20261126110000DependenciesAndRisks';
import { Migration20261126120000AccessProjection } from './Migration20261126120000AccessProjection';
import { Migration20261126150000AccessChangeNotify } from './Migration20261126150000AccessChangeNotify';
import { Migration20261126160000KeyByteOrder } from './Migration20261126160000KeyByteOrder';

/** The hierarchy schema's migrations, in order. Add new ones at the end; never edit an applied one. */
export const hierarchyMigrations: MigrationEntry[] = [
  { name: 'Migration20261126100000NodeTable', class: Migration20261126100000NodeTable },
  { name: 'Migration20261126110000DependenciesAndRisks', class: Migration20261126110000DependenciesAndRisks },
  { name: 'Migration20261126120000AccessProjection', class: Migration20261126120000AccessProjection },
  { name: 'Migration20261126150000AccessChangeNotify', class: Migration20261126150000AccessChangeNotify },
  { name: 'Migration20261126160000KeyByteOrder', class: Migration20261126160000KeyByteOrder },
];
