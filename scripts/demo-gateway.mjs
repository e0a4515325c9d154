// npm run demo:gateway: the books example on a real standalone Envoy Gateway and Envoy
// (the e2e harness's stack), with curl commands to try; Ctrl-C stops everything it started.
import { spawnSync } from 'node:child_process';
import { Stack, until } from '../dist/test/e2e/support/stack.js';
import { booksPolicy, gateway, tokens } from '../dist/test/e2e/support/resources.js';

if (spawnSync('bash', ['scripts/provision.sh'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const stack = await Stack.start({ resources: (p) => ({ 'gateway.yaml': gateway(p, ['http']), 'policy.yaml': booksPolicy() }) });
const url = stack.url(0, '/book');
await until('the policy in Envoy', async () => (await fetch(url, { method: 'POST' })).status === 401 || undefined);
console.log(`
Envoy Gateway, Envoy, kgate and the echo backend are running (logs in ${stack.dir}).
  curl -i -X POST -H 'authorization: Bearer ${tokens.admin}' ${url}   # 200, the backend sees x-books-role: admin
  curl -i -X POST -H 'authorization: Bearer ${tokens.guest}' ${url}   # 403, the rule's message
  curl -i -H 'authorization: Bearer ${tokens.guest}' ${url}           # 200
  curl -i ${url}                                                       # 401, www-authenticate
Edit ${stack.resourcesDir}/policy.yaml (write a new file, then rename it over) to change the policy live.
Ctrl-C to stop.`);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    console.log('stopped');
    process.exit(0);
  });
}
