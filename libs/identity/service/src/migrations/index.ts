import type { MigrationEntry } from '@steerco/platform-persistence';
import { Migration20261201100000IdentityTables } from './Migration20261201100000IdentityTables';

/** The identity schema's migrations, in order. Add new ones at the end; never edit an applied one. */
export const identityMigrations: MigrationEntry[] = [
  { name: 'Migration20261201100000IdentityTables', class: Migration20261201100000IdentityTables },
];
