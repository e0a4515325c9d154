// Runs every compiled test file (dist/test/**/*.test.js) with node:test.
// Extra arguments are passed to node (e.g. --test-name-pattern=books).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function* tests(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* tests(path);
    // Only tests whose source still exists: a moved or deleted test leaves its compiled copy in dist/.
    else if (name.endsWith('.test.js') && existsSync(path.replace(/^dist[\\/]/, '').replace(/\.js$/, '.ts'))) yield path;
  }
}

const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const files = [...tests('dist/test')].filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--enable-source-maps', ...flags, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
