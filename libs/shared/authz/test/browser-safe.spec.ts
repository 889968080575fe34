import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The web app bundles this library: its sources may import only @casl/ability and each other. */
const SRC = join(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('sources stay browser-safe', () => {
  const files = sources(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((file) => [relative(SRC, file), file]))(
    '%s imports only @casl/ability and itself',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3]);
      const foreign = specifiers.filter(
        (specifier) =>
          !specifier.startsWith('./') &&
          !specifier.startsWith('../') &&
          !/^@casl\/ability(\/extra)?$/.test(specifier),
      );
      expect(foreign).toEqual([]);
      expect(text).not.toMatch(/\b(process|Buffer|__dirname|__filename|setImmediate)\b/);
    },
  );
});
