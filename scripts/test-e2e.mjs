// npm run test:e2e: provisions the pinned Envoy and Envoy Gateway (cached; a failure stops
// the run with its reason), then runs every compiled dist/test/e2e/**/*.e2e.js with
// node:test, one file at a time (EG's ports are fixed: one stack at a time).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const provision = spawnSync('bash', ['scripts/provision.sh'], { stdio: 'inherit' });
if (provision.status !== 0) {
  console.error('test:e2e: provisioning failed (see above); no e2e test ran');
  process.exit(1);
}

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    // Only suites whose source still exists: a moved or deleted one leaves its compiled copy in dist/.
    else if (name.endsWith('.e2e.js') && existsSync(path.replace(/^dist[\\/]/, '').replace(/\.js$/, '.ts'))) yield path;
  }
}
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const tests = [...files('dist/test/e2e')].filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (tests.length === 0) {
  console.error('no e2e test files matched');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--enable-source-maps', ...flags, ...tests], { stdio: 'inherit' });
process.exit(result.status ?? 1);
