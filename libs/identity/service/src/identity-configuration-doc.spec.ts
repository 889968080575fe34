import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeConfig } from '@steerco/platform-config';
import { identityVariables } from './identity.config';

/** Table rows as trimmed cells, so Prettier's column alignment does not matter. */
function rows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('docs/configuration.md', () => {
  it('lists the identity service variables exactly as the code declares them', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/configuration.md'), 'utf8');
    const start = doc.indexOf('## Identity service variables');
    const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
    expect(rows(section)).toEqual(rows(describeConfig(identityVariables)));
  });
});
