import type { MigrationEntry } from '@steerco/platform-persistence';
import { Migration20261201100000IdentityTables } from './Migration20261201100000IdentityTables';
import { Migration20261203100000RolesAndAssignments } from './Migration20261203100000RolesAndAssignments';
import { Migration20261204100000OidcSingleSignOn } from './Migration20261204100000OidcSingleSignOn';

/** The identity schema's migrations, in order. Add new ones at the end; never edit an applied one. */
export const identityMigrations: MigrationEntry[] = [
  { name: 'Migration20261201100000IdentityTables', class: Migration20261201100000IdentityTables },
  {
    name: 'Migration20261203100000RolesAndAssignments',
    class: Migration20261203100000RolesAndAssignments,
  },
  { name: 'Migration20261204100000OidcSingleSignOn', class: Migration20261204100000OidcSingleSignOn },
];
