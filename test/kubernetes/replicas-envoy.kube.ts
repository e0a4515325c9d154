// Two kgate replicas behind one real Envoy (the e2e stack: Envoy Gateway standalone, its
// Envoy, an echo backend), the policies coming from a real API server: every request gets the
// same decision whichever replica answers, and one replica SIGKILLed and restarted mid-load
// causes no wrong decision, only the failure-mode answers the filter is configured for.
// Envoy reaches the replicas through a loopback TCP balancer (round robin per connection):
// EG's hook cluster names one address, as a Kubernetes Service does.
// EG's ports are fixed: scripts/test-kubernetes.mjs runs this file under flock /tmp/kgate-eg.lock.
import assert from 'node:assert/strict';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { send as sendThrough, type Sent } from '../e2e/support/client.js';
import { booksPolicy, gateway } from '../e2e/support/resources.js';
import { Stack } from '../e2e/support/stack.js';
import { ApiServer, freePort, REPO, until } from './support/apiserver.js';
import { GATEWAY_CRD } from './support/gateway-crd.js';
import { Replica } from './support/replica.js';

/** Round robin over `targets` per connection; a target that refuses is skipped. */
class Balancer {
  readonly targets: string[] = [];
  private next = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  readonly connections = new Map<string, number>();

  async listen(port: number): Promise<void> {
    this.server = createServer((client) => this.connect(client, 0));
    await new Promise<void>((ok) => this.server!.listen(port, '127.0.0.1', ok));
  }

  private connect(client: Socket, tried: number): void {
    if (tried >= this.targets.length) return void client.destroy();
    const target = this.targets[this.next++ % this.targets.length]!;
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = createConnection({ host, port });
    let connected = false;
    this.sockets.add(client).add(upstream);
    upstream.once('close', () => this.sockets.delete(upstream));
    upstream.once('connect', () => {
      connected = true;
      this.connections.set(target, (this.connections.get(target) ?? 0) + 1);
      // Only a connected pair is tied together: a refused attempt must not close the client.
      client.on('error', () => upstream.destroy());
      client.once('close', () => {
        this.sockets.delete(client);
        upstream.destroy();
      });
      upstream.once('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', () => (connected ? client.destroy() : this.connect(client, tried + 1)));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}

let api: ApiServer;
let stack: Stack;
let b: Replica;
const balancer = new Balancer();

before(async () => {
  api = await ApiServer.start();
  await api.applyCrd(parse(readFileSync(join(REPO, 'charts/kgate/crds/authorizationpolicies.kgate.dev.yaml'), 'utf8')) as Record<string, unknown>);
  await api.applyCrd(GATEWAY_CRD);
  // The same object Envoy Gateway's file provider reads is in the API server.
  await api.must('POST', '/apis/kgate.dev/v1alpha1/namespaces/default/authorizationpolicies', parse(booksPolicy()) as Record<string, unknown>);
  const balancerPort = await freePort();
  await balancer.listen(balancerPort);
  const kube = ['--kubernetes', '--kubeconfig', api.kubeconfigPath, '--status-lease', 'off'];
  stack = await Stack.start({
    resources: (p) => ({ 'gateway.yaml': gateway(p, ['a']), 'books.yaml': booksPolicy() }),
    // Envoy's cluster (the Translation hook's) points at the balancer; EG's hook calls reach this replica.
    kgateArgs: () => [...kube, '--ext-authz-address', `127.0.0.1:${balancerPort}`],
  });
  b = new Replica('b', api.dir, [...kube, '--decision-log', 'on']);
  await b.start();
  await until('replica b ready', async () => ((await b.ready()) ? true : undefined), 20_000);
  balancer.targets.push(`127.0.0.1:${stack.ports.grpc}`, b.grpc);
  await until('the kgate filter', async () => (await send('POST', 'guest')).status === 403 || undefined, 30_000);
});

after(async () => {
  await b?.stop();
  await stack?.stop();
  await balancer.close();
  await api?.stop();
});

function send(method: string, token: 'admin' | 'guest'): Promise<Sent> {
  return sendThrough(stack, method, { token });
}

const cases = [
  { method: 'POST', token: 'guest', allowed: false },
  { method: 'POST', token: 'admin', allowed: true },
  { method: 'GET', token: 'guest', allowed: true },
] as const;

/** A policy denial carries the policy's own body; the filter's failure mode (status_on_error 403) an empty one. */
function classify(sent: Sent, allowed: boolean): 'right' | 'failure-mode' | 'wrong' {
  if (allowed) return sent.status === 200 ? 'right' : sent.status === 403 && sent.body === '' ? 'failure-mode' : 'wrong';
  return sent.status === 403 && sent.body !== '' ? 'right' : sent.status === 403 ? 'failure-mode' : 'wrong';
}

test('both replicas decide every request alike; one SIGKILLed and restarted, then the other drained and restarted, mid-load: no wrong decision', {
  timeout: 120_000,
}, async () => {
  const tally = { right: 0, 'failure-mode': 0, wrong: 0 };
  const wrong: string[] = [];
  let stopLoad = false;
  const worker = async () => {
    while (!stopLoad) {
      for (const c of cases) {
        const sent = await send(c.method, c.token).catch((e: unknown) => ({ status: 0, headers: new Headers(), body: String(e) }));
        const verdict = classify(sent, c.allowed);
        tally[verdict]++;
        if (verdict === 'wrong' && wrong.length < 10) wrong.push(`${c.method} ${c.token}: ${sent.status} ${sent.body.slice(0, 100)}`);
      }
    }
  };
  const workers = Array.from({ length: 4 }, worker);
  await new Promise((r) => setTimeout(r, 3000));
  const decidedByB = () =>
    readFileSync(b.logFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"msg":"decision"')).length;
  const beforeKill = { ...tally, b: decidedByB() };
  await b.stop('SIGKILL');
  await new Promise((r) => setTimeout(r, 2000));
  await b.start();
  await until('replica b ready again', async () => ((await b.ready()) ? true : undefined), 20_000);
  await new Promise((r) => setTimeout(r, 2000));
  // Now the other one, the replica Envoy Gateway's hook talks to, drains (SIGTERM) and comes
  // back: Envoy's connections move to the restarted b, which decides alone meanwhile.
  const bBeforeDrain = decidedByB();
  await stack.stopKgate();
  await new Promise((r) => setTimeout(r, 2000));
  const bWhileAlone = decidedByB() - bBeforeDrain;
  await stack.startKgate();
  await new Promise((r) => setTimeout(r, 2000));
  stopLoad = true;
  await Promise.all(workers);
  const total = tally.right + tally['failure-mode'] + tally.wrong;
  console.log(
    JSON.stringify({ total, ...tally, beforeKill, bWhileAlone, balancerConnections: Object.fromEntries(balancer.connections), bAtEnd: decidedByB() }),
  );
  assert.deepEqual(wrong, [], 'no request decided against the policy');
  assert.equal(tally.wrong, 0);
  assert.ok(beforeKill.b > 0, 'replica b decided Checks before it was killed (both replicas served)');
  assert.ok(bWhileAlone > 0, 'the restarted replica, never called by the hook, decided alone while the other drained');
  assert.ok(tally.right > total * 0.5, `most answers are decisions (${tally.right} of ${total})`);
});
