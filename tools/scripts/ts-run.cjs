#!/usr/bin/env node
// Runs a TypeScript entry point of the workspace without a build: `node tools/scripts/ts-run.cjs file.ts [args]`.
// Compiles on require with SWC (decorator metadata on, as NestJS needs) and resolves the @steerco/* aliases of
// tsconfig.base.json. For tools and benchmarks only; services are built with webpack.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]),
);

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  return resolve.call(this, aliases[request] ?? request, parent, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node tools/scripts/ts-run.cjs <file.ts> [args]\n');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
