// PostHTTPListenerModify latency: the handler called in process and over
// gRPC on kgate's own transport with a grpc-js client (one call at a time, as
// Envoy Gateway calls), for small fixtures, the largest fixture and synthetic
// HTTPS listeners with 10/100/1,000 chains.
// PostRouteModify: an HTTPRoute with 1,000 rules is 1,000 xds routes, so one
// translation is 1,000 calls; each carries a route policy (and rule 500 a rule policy).
// Run: npx tsc -p . && npm run bench:hooks
import { pino } from 'pino';
import { hookConfigFrom } from '../src/cli/hook-flags.js';
import { GrpcServer } from '../src/authz/grpc-server.js';
import { EnvoyGatewayExtension } from '../src/gen/envoygateway/extension/service_pb.js';
import { createExtensionService, HOOK_MAX_MESSAGE_BYTES } from '../src/hooks/service.js';
import { client, unary } from '../test/authz/support/grpc.js';
import { fixtureListeners } from '../test/hooks/support/envoy.js';
import { listenerRequest, policyObject, testCompilers } from '../test/hooks/support/harness.js';
import { egRoute, policy as routePolicyObject, routeRequest } from '../test/hooks/support/routes.js';
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
  const { routes } = createExtensionService({
    store: { replaceListener: () => undefined, replaceRoute: () => undefined },
    compilers: testCompilers,
    config: hookConfigFrom({}),
    logger: pino({ level: 'silent' }),
  });
  const path = `/${EnvoyGatewayExtension.typeName}/PostHTTPListenerModify`;
  const handler = routes.get(path)!;
  const inProcess: Call = async (request) => handler(request);

  // Over gRPC as `kgate serve` answers EG: kgate's transport, a grpc-js client.
  const server = new GrpcServer({ logger: pino({ level: 'silent' }), maxReceiveBytes: HOOK_MAX_MESSAGE_BYTES });
  server.route(path, handler);
  const grpc = client(await server.listen({ kind: 'tcp', host: '127.0.0.1', port: 0 }));
  const overGrpc: Call = async (request) => unary(grpc, path, request);

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

  // One translation of an HTTPRoute with 1,000 rules: 1,000 PostRouteModify calls, back to back.
  const routePath = `/${EnvoyGatewayExtension.typeName}/PostRouteModify`;
  const routeHandler = routes.get(routePath)!;
  server.route(routePath, routeHandler);
  const rule = { name: 'r', assert: { all: [{ message: 'm', check: { request: { http: { method: 'GET' } } } }] } };
  const whole = routePolicyObject('books', [{ kind: 'HTTPRoute', name: 'books' }], [rule]);
  const one = routePolicyObject('books-500', [{ kind: 'HTTPRoute', name: 'books', sectionName: 'rule-500' }], [rule]);
  const requests = Array.from({ length: 1000 }, (_, i) =>
    routeRequest(
      egRoute(`httproute/default/books/rule/${i}/match/0/www_example_com`, { namespace: 'default', name: 'books', rule: `rule-${i}` }),
      i === 500 ? [whole, one] : [whole],
    ),
  );
  const translation = async (call: Call) => {
    const start = performance.now();
    for (const request of requests) await call(request);
    return performance.now() - start;
  };
  console.log('\nPostRouteModify, HTTPRoute with 1,000 rules (1,000 xds routes, one call each), one translation');
  console.log(`${'path'.padEnd(14)} ${'ms/translation'.padStart(15)} ${'µs/route'.padStart(9)}`);
  const routeCalls: [string, Call][] = [
    ['in process', async (request) => routeHandler(request)],
    ['over gRPC', async (request) => unary(grpc, routePath, request)],
  ];
  for (const [name, call] of routeCalls) {
    await translation(call); // warm-up (and the one compile per policy version)
    const best = Math.min(await translation(call), await translation(call), await translation(call));
    console.log(`${name.padEnd(14)} ${best.toFixed(1).padStart(15)} ${((best * 1000) / requests.length).toFixed(0).padStart(9)}`);
  }
  grpc.close();
  await server.close(1000);
}

await main();
