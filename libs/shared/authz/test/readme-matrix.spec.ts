import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATOMS, TABS, type Tab } from '../src/catalogue';
import { BUILT_IN_ROLE_IDS, BUILT_IN_ROLES, type Grant, type RoleDefinition } from '../src/roles';

/**
 * The README's matrix is written by hand for readers; this keeps it true to the data. A cell lists the
 * atoms granted on the tab, in catalogue order, with what narrows them in parentheses.
 */
function qualifiers(grant: Grant): string[] {
  return [
    ...(grant.subjects ?? []),
    ...(grant.ownOnly === 'owner' ? ['own'] : grant.ownOnly === 'assignee' ? ['assigned'] : []),
    ...(grant.delegateOnly ? ['delegate'] : []),
  ];
}

function cell(role: RoleDefinition, tab: Tab): string {
  const entries = ATOMS.flatMap((atom) =>
    role.grants
      .filter((grant) => grant.atom === atom && grant.tabs.includes(tab))
      .map((grant) => (qualifiers(grant).length ? `${atom} (${qualifiers(grant).join(', ')})` : atom)),
  );
  return entries.join(', ') || '–';
}

function readmeRows(heading: string): string[][] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.split(`## ${heading}`)[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim().replace(/`/g, '')),
    );
}

describe('README', () => {
  it('shows the default role matrix exactly as the data defines it', () => {
    const expected = BUILT_IN_ROLE_IDS.map((id) => [id, ...TABS.map((tab) => cell(BUILT_IN_ROLES[id], tab))]);
    expect(readmeRows('Default role matrix')).toEqual(expected);
  });

  it('shows the role flags exactly as the data defines them', () => {
    const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');
    const expected = BUILT_IN_ROLE_IDS.map((id) => {
      const role = BUILT_IN_ROLES[id];
      return [id, role.name, yesNo(role.mfaRequired), yesNo(role.timeBoxed)];
    });
    expect(readmeRows('Role flags')).toEqual(expected);
  });
});
