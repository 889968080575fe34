import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeConfig } from './define-config';
import { platformVariables } from './platform-variables';

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
  it('lists the platform variables exactly as the code declares them', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/configuration.md'), 'utf8');
    const section = doc.slice(
      doc.indexOf('## Platform variables'),
      doc.indexOf('\n## ', doc.indexOf('## Platform variables') + 1),
    );
    expect(rows(section)).toEqual(rows(describeConfig(platformVariables)));
  });
});
