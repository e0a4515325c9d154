// `kgate serve`'s server end to end: Envoy Gateway's hook calls for two
// Gateways' listeners, then Checks carrying exactly the metadata each injected
// filter tells Envoy to send. Each Check is decided by the policies of its scope.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { anyPack } from '@bufbuild/protobuf/wkt';
import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { parse } from 'yaml';
import { KgateServer } from '../../src/authz/server.js';
import { ListenerSchema } from '../../src/gen/envoy/config/listener/v3/listener_pb.js';
import { HttpConnectionManagerSchema } from '../../src/gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js';
import { CheckRequestSchema, CheckResponseSchema, type CheckResponse } from '../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { hookConfigFrom } from '../../src/cli/hook-flags.js';
import { createExtensionService, HOOK_MAX_MESSAGE_BYTES } from '../../src/hooks/service.js';
import { decodeListener, extAuthzOf, hcmsOf, kgateFilters } from './support/envoy.js';
import { listenerRequest, policyObject, replyField, testCompilers } from './support/harness.js';

/** An xDS listener as EG builds it: one HCM per chain, RDS named after the Gateway listener. */
function listener(name: string, chains: { name: string; isDefault?: boolean }[]): Uint8Array {
  const chain = (section: string) => {
    const hcm = create(HttpConnectionManagerSchema, {
      statPrefix: section,
      routeSpecifier: { case: 'rds', value: { routeConfigName: section } },
      httpFilters: [{ name: 'envoy.filters.http.router' }],
    });
    return {
      name: section,
      filters: [
        {
          name: 'envoy.filters.network.http_connection_manager',
          configType: { case: 'typedConfig' as const, value: anyPack(HttpConnectionManagerSchema, hcm) },
        },
      ],
    };
  };
  return toBinary(
    ListenerSchema,
    create(ListenerSchema, {
      name,
      filterChains: chains.filter((c) => !c.isDefault).map((c) => chain(c.name)),
      ...(chains.some((c) => c.isDefault) ? { defaultFilterChain: chain(chains.find((c) => c.isDefault)!.name) } : {}),
    }),
  );
}

type Tags = Record<string, string>;

/** What Envoy sends with each Check through the injected filter, by chain. */
function tagsByChain(bytes: Uint8Array): Map<string, Tags> {
  const tags = new Map<string, Tags>();
  for (const site of hcmsOf(decodeListener(bytes))) {
    const [filter] = kgateFilters(site.hcm);
    if (!filter) continue;
    const services = extAuthzOf(filter).services;
    if (services.case !== 'grpcService') continue;
    tags.set(site.chain.name, Object.fromEntries(services.value.initialMetadata.map((h) => [h.key, h.value])));
  }
  return tags;
}

describe('hooks and Checks through kgate serve', () => {
  let server: KgateServer;
  let call: (path: string, request: Uint8Array, metadata?: Tags) => Promise<Buffer>;
  const clients: grpc.Client[] = [];

  before(async () => {
    const logger = pino({ level: 'silent' });
    server = new KgateServer({
      grpcAddress: { kind: 'tcp', host: '127.0.0.1', port: 0 },
      policyPaths: [],
      compilers: testCompilers,
      logger,
      decisionTimeoutMs: 1000,
      decisionLog: false,
      httpMaxBodyBytes: 1 << 20,
      grpcMaxReceiveBytes: HOOK_MAX_MESSAGE_BYTES,
      shutdownTimeoutMs: 1000,
      services: (store) => [createExtensionService({ store, compilers: testCompilers, config: hookConfigFrom({}), logger })],
    });
    const { grpc: address } = await server.listen();
    await server.loadPolicies();
    const channel = new grpc.Client(address!, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': HOOK_MAX_MESSAGE_BYTES });
    clients.push(channel);
    const identity = (b: Buffer) => b;
    call = (path, request, tags = {}) =>
      new Promise((resolve, reject) => {
        const metadata = new grpc.Metadata();
        for (const [k, v] of Object.entries(tags)) metadata.set(k, v);
        channel.makeUnaryRequest(
          path,
          (b: Uint8Array) => Buffer.from(b),
          identity,
          request,
          metadata,
          (error, value) => (error ? reject(error) : resolve(value!)),
        );
      });
  });
  after(async () => {
    for (const client of clients) client.close();
    await server.close();
  });

  const hook = async (bytes: Uint8Array, resources: object[]) =>
    replyField(await call('/envoygateway.extension.EnvoyGatewayExtension/PostHTTPListenerModify', listenerRequest(bytes, resources)));

  async function check(tags: Tags | undefined, method: string, headers: Record<string, string> = {}): Promise<CheckResponse> {
    const request = create(CheckRequestSchema, {
      attributes: { request: { http: { method, path: '/books', host: 'www.example.com', headers: { ':method': method, ':path': '/books', ...headers } } } },
    });
    return fromBinary(CheckResponseSchema, await call('/envoy.service.auth.v3.Authorization/Check', toBinary(CheckRequestSchema, request), tags));
  }

  const allowed = (r: CheckResponse) => (r.status?.code ?? 0) === 0;
  const deniedStatus = (r: CheckResponse) => (r.httpResponse.case === 'deniedResponse' ? r.httpResponse.value.status?.code : undefined);

  it('each Gateway gets exactly its own policies', async () => {
    // Gateway a (plain HTTP): the example policy, writes need x-role: admin.
    const example = parse(readFileSync('examples/envoy-gateway/policy.yaml', 'utf8')) as { spec: { targetRefs: { name: string }[] } };
    example.spec.targetRefs[0]!.name = 'gw-a';
    const listenerA = listener('default/gw-a/http', [{ name: 'default/gw-a/http', isDefault: true }]);
    // Gateway b (HTTPS, two listeners): a policy on listener https-2 only, which wants x-team: b.
    const teamB = policyObject('team-b', [{ name: 'gw-b', sectionName: 'https-2' }], {
      spec: {
        rules: [
          { name: 'team', assert: { all: [{ message: 'team b only', check: { request: { http: { headers: { 'x-team': 'b' } } } } }] }, deny: { status: 401 } },
        ],
      },
    });
    const listenerB = listener('default/gw-b/https', [{ name: 'default/gw-b/https-1' }, { name: 'default/gw-b/https-2' }]);

    const tagsA = tagsByChain((await hook(listenerA, [example]))!);
    const tagsB = tagsByChain((await hook(listenerB, [teamB]))!);
    assert.deepEqual([...tagsA.keys()], ['default/gw-a/http']);
    assert.deepEqual([...tagsB.keys()], ['default/gw-b/https-2'], 'https-1 has no policy, so no filter');
    const a = tagsA.get('default/gw-a/http')!;
    const b = tagsB.get('default/gw-b/https-2')!;
    const { 'x-kgate-policy-set': policySet, ...scopeTags } = b;
    assert.deepEqual(scopeTags, { 'x-kgate-listener': 'default/gw-b/https', 'x-kgate-sections': 'default/gw-b/https-2' });
    assert.match(policySet ?? '', /^[0-9a-f]{16}$/, 'the filter carries the digest of the policy set it was injected for');

    const get = await check(a, 'GET');
    assert.ok(allowed(get));
    const okHeaders = get.httpResponse.case === 'okResponse' ? get.httpResponse.value.headers : [];
    assert.equal(okHeaders.find((h) => h.header?.key === 'x-caller-role')?.header?.value, 'anonymous');
    const post = await check(a, 'POST');
    assert.equal(deniedStatus(post), 403);
    const denied = post.httpResponse.case === 'deniedResponse' ? post.httpResponse.value : undefined;
    assert.equal(denied?.headers.find((h) => h.header?.key === 'x-denied-by')?.header?.value, 'kgate');
    assert.match(denied?.body ?? '', /^writes need role admin\n?$/);
    assert.ok(allowed(await check(a, 'POST', { 'x-role': 'admin' })));
    assert.ok(allowed(await check(a, 'GET', { 'x-team': 'c' })), "gateway b's policy does not apply to a");

    assert.equal(deniedStatus(await check(b, 'GET')), 401);
    assert.ok(allowed(await check(b, 'GET', { 'x-team': 'b' })));
    assert.ok(allowed(await check(b, 'POST', { 'x-team': 'b' })), "gateway a's policy does not apply to b");
    assert.ok(allowed(await check(undefined, 'POST')), 'an untagged Check has no Gateway policy');

    // The policy is detached: EG calls again without it, and the filter and the policy go.
    assert.equal(await hook(listenerA, []), undefined);
    assert.ok(allowed(await check(a, 'POST')));
    assert.equal(deniedStatus(await check(b, 'GET')), 401, 'gateway b unaffected');
  });
});
