// npm run test:kubernetes: provisions the pinned apiextensions-apiserver, etcd and helm
// (cached; a failure stops the run with its reason), then runs every compiled
// dist/test/kubernetes/**/*.kube.js with node:test, one file at a time (each starts its
// own API server and replicas on loopback; the machine is small). Files that also start
// Envoy Gateway (`*envoy*.kube.js`: its ports are fixed) run under flock /tmp/kgate-eg.lock,
// so they never overlap another EG stack on the machine.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

if (!process.argv.includes('--no-provision')) {
  const provision = spawnSync('bash', ['scripts/provision.sh'], { stdio: 'inherit' });
  if (provision.status !== 0) {
    console.error('test:kubernetes: provisioning failed (see above); no Kubernetes test ran');
    process.exit(1);
  }
}

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (name.endsWith('.kube.js')) yield path;
  }
}
const args = process.argv.slice(2).filter((a) => a !== '--no-provision');
const filters = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const tests = [...files('dist/test/kubernetes')].filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (tests.length === 0) {
  console.error('no Kubernetes test files matched');
  process.exit(1);
}
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
const node = ['--test', '--test-concurrency=1', '--enable-source-maps', ...flags];
const plain = tests.filter((f) => !f.includes('envoy'));
const withEg = tests.filter((f) => f.includes('envoy'));
let status = plain.length > 0 ? run(process.execPath, [...node, ...plain]) : 0;
if (withEg.length > 0) {
  const locked = spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!locked) {
    console.error('test:kubernetes: flock not found (util-linux): the Envoy Gateway files need it to take /tmp/kgate-eg.lock');
    process.exit(1);
  }
  status = run('flock', ['/tmp/kgate-eg.lock', process.execPath, ...node, ...withEg]) || status;
}
process.exit(status);
