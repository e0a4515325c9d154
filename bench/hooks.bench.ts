// PostHTTPListenerModify latency: the handler called in process and over
// gRPC (one call at a time, as Envoy Gateway calls), for small fixtures, the
// largest fixture and synthetic HTTPS listeners with 10/100/1,000 chains.
// Run: npx tsc -p . && npm run bench:hooks
import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { hookConfigFrom } from '../src/cli/hook-flags.js';
import { createExtensionService, HOOK_MAX_MESSAGE_BYTES } from '../src/hooks/service.js';
import { fixtureListeners } from '../test/hooks/support/envoy.js';
import { listenerRequest, policyObject, testCompilers } from '../test/hooks/support/harness.js';
import { httpsListener, largestFixture } from './hooks/listeners.js';

type Call = (request: Uint8Array) => Promise<Uint8Array>;

const MIN_MS = 400;

/** Mean µs per call over at least MIN_MS after as long a warm-up. */
async function measure(call: Call, request: Uint8Array): Promise<number> {
  for (const warm = performance.now(); performance.now() - warm < MIN_MS; ) await call(request);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < MIN_MS || n < 20) {
    await call(request);
    n++;
  }
  return ((performance.now() - start) * 1000) / n;
}

async function main(): Promise<void> {
  const { definition, implementation } = createExtensionService({
    store: { replaceListener: () => undefined },
    compilers: testCompilers,
    config: hookConfigFrom({}),
    logger: pino({ level: 'silent' }),
  });
  const handler = implementation.PostHTTPListenerModify as grpc.handleUnaryCall<Uint8Array, Uint8Array>;
  const inProcess: Call = (request) =>
    new Promise((resolve, reject) =>
      handler({ request } as grpc.ServerUnaryCall<Uint8Array, Uint8Array>, (error, reply) => (error ? reject(error) : resolve(reply!))),
    );

  const limits = { 'grpc.max_receive_message_length': HOOK_MAX_MESSAGE_BYTES, 'grpc.max_send_message_length': HOOK_MAX_MESSAGE_BYTES };
  const server = new grpc.Server(limits);
  server.addService(definition, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const client = new (grpc.makeClientConstructor(definition, 'EnvoyGatewayExtension'))(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), limits);
  const method = (client as unknown as Record<string, (r: Uint8Array, cb: (e: unknown, r: Uint8Array) => void) => void>).PostHTTPListenerModify!.bind(client);
  const overGrpc: Call = (request) => new Promise((resolve, reject) => method(request, (e, r) => (e ? reject(e) : resolve(r))));

  const policy = [policyObject('bench', [{ name: 'eg' }])];
  const largest = largestFixture();
  const cases: [string, Uint8Array, number][] = [
    ['fixture http-route (1 HCM)', fixtureListeners('http-route.listeners.yaml')[0]!, 0],
    ['fixture jwt-from-multiple-listeners (1 HCM)', fixtureListeners('jwt-from-multiple-listeners.listeners.yaml').at(-1)!, 0],
    [`largest fixture: ${largest.name}`, largest.bytes, 0],
    ...[10, 100, 1000].map((n): [string, Uint8Array, number] => [`synthetic HTTPS, ${n} chains`, httpsListener(n), n]),
  ];
  console.log('PostHTTPListenerModify, Gateway-wide policy, mean per call');
  console.log(`${'listener'.padEnd(52)} ${'bytes'.padStart(9)} ${'in-process µs'.padStart(14)} ${'gRPC µs'.padStart(10)} ${'µs/chain'.padStart(9)}`);
  for (const [name, listener, chains] of cases) {
    const request = listenerRequest(listener, policy);
    const local = await measure(inProcess, request);
    const remote = await measure(overGrpc, request);
    const perChain = chains > 0 ? (local / chains).toFixed(1) : '';
    console.log(
      `${name.padEnd(52)} ${String(listener.byteLength).padStart(9)} ${local.toFixed(0).padStart(14)} ${remote.toFixed(0).padStart(10)} ${perChain.padStart(9)}`,
    );
  }
  client.close();
  server.forceShutdown();
}

await main();
