// examples/envoy-gateway: the manifests agree with each other, the CRD schema
// admits every field of the example policies (and nothing unknown), and the
// example policy compiles.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { compilePolicyObject } from '../../src/engine/policy/load.js';
import { hookConfigFrom, hookFlagOptions } from '../../src/cli/hook-flags.js';
import { testCompilers } from './support/harness.js';

const DIR = 'examples/envoy-gateway';
type Doc = Record<string, any>;

function docs(file: string): Doc[] {
  return parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => {
    assert.deepEqual(d.errors, [], `${file} parses`);
    return d.toJS() as Doc;
  });
}

const find = (list: Doc[], kind: string) => list.find((d) => d.kind === kind)!;
const crd = find(docs('crd.yaml'), 'CustomResourceDefinition');
const schema = crd.spec.versions[0].schema.openAPIV3Schema as Doc;

/** Field paths of `value` the structural schema does not admit (unknown keys, wrong types, values outside enums). */
function misfits(value: unknown, node: Doc, path: string): string[] {
  if (node['x-kubernetes-preserve-unknown-fields'] && !node.properties) return [];
  if (node['x-kubernetes-int-or-string']) return typeof value === 'string' || Number.isInteger(value) ? [] : [path];
  if (node.enum && !node.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in enum`];
  switch (node.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${path}: not a string`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: not an integer`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => misfits(v, node.items, `${path}[${i}]`)) : [`${path}: not an array`];
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not an object`];
      const missing = (node.required ?? []).filter((k: string) => !(k in value)).map((k: string) => `${path}.${k}: required`);
      return [
        ...missing,
        ...Object.entries(value).flatMap(([k, v]) => {
          const child = node.properties?.[k] ?? node.additionalProperties;
          if (child) return misfits(v, child, `${path}.${k}`);
          return node['x-kubernetes-preserve-unknown-fields'] || (!node.properties && !node.additionalProperties) ? [] : [`${path}.${k}: unknown field`];
        }),
      ];
    }
    default:
      return [`${path}: schema node without type`];
  }
}

describe('examples/envoy-gateway', () => {
  it('every manifest parses', () => {
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) assert.ok(docs(file).length > 0, file);
  });

  it('the CRD schema admits the example policy, the books policy and a full one, and refuses unknown fields', () => {
    const example = find(docs('policy.yaml'), 'AuthorizationPolicy');
    assert.deepEqual(misfits(example, schema, ''), []);
    const books = docs('../books/kgate/policy.yaml')[0]!;
    books.spec.targetRefs = [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg', sectionName: 'http' }];
    assert.deepEqual(misfits(books, schema, ''), []);
    const full = {
      ...example,
      spec: {
        ...example.spec,
        compiler: 'jp',
        mode: 'Audit',
        context: [{ name: 'role', variable: 'request.http.headers."x-role"', compiler: 'jp' }],
        rules: [
          {
            name: 'r',
            compiler: 'jp',
            context: [{ name: 'x', variable: { a: 1 } }],
            match: { compiler: 'jp', any: [{ request: {} }], all: [{ request: {} }] },
            exclude: { any: [{ request: { http: { path: '/healthz' } } }] },
            assert: { any: [{ message: 'm', check: { a: 1 }, compiler: 'jp' }], all: [{ check: { b: 2 } }] },
            identifier: 'request.http.path',
            feedback: [{ name: 'f', value: '(@)' }],
            deny: { status: 401, code: 'UNAUTHENTICATED', headers: { 'www-authenticate': 'Bearer' }, body: { error: 'no' } },
          },
        ],
        allow: {
          request: { headers: { set: { a: 'b' }, append: { c: '(d)' }, remove: ['authorization'] }, query: { set: { q: '1' }, remove: ['debug'] } },
          response: { headers: { set: { x: 'y' }, append: { z: 'w' } } },
          metadata: { user: { role: '(role)' } },
        },
      },
      status: {
        ancestors: [
          {
            ancestorRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg', namespace: 'default' },
            controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
            conditions: [
              {
                type: 'Accepted',
                status: 'True',
                reason: 'Accepted',
                message: 'Policy has been accepted.',
                lastTransitionTime: '2026-01-01T00:00:00Z',
                observedGeneration: 1,
              },
            ],
          },
        ],
      },
    };
    assert.deepEqual(misfits(full, schema, ''), []);
    assert.deepEqual(misfits({ ...example, spec: { ...example.spec, rulez: [] } }, schema, ''), ['.spec.rulez: unknown field']);
    assert.deepEqual(misfits({ ...example, spec: { ...example.spec, failurePolicy: 'Sometimes' } }, schema, ''), [
      '.spec.failurePolicy: "Sometimes" not in enum',
    ]);
    assert.equal(crd.spec.versions[0].subresources.status !== undefined, true, 'status subresource for EG');
  });

  it('the example policy compiles', () => {
    const policy = compilePolicyObject(find(docs('policy.yaml'), 'AuthorizationPolicy'), 'examples/envoy-gateway/policy.yaml', testCompilers);
    assert.deepEqual(
      policy.targetRefs.map((r) => r.name),
      ['eg'],
    );
  });

  it('kgate, its Service and Envoy Gateway agree on the address and port', () => {
    const kgate = docs('kgate.yaml');
    const service = find(kgate, 'Service');
    const container = find(kgate, 'Deployment').spec.template.spec.containers[0];
    const hookArgs = (container.args as string[]).filter((a) => a.startsWith('--ext-authz-'));
    const config = hookConfigFrom(parseArgs({ args: hookArgs, options: hookFlagOptions, strict: true }).values);
    const grpcPort = service.spec.ports.find((p: Doc) => p.name === 'grpc').port;
    const fqdn = `${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`;
    assert.deepEqual(config.address, { kind: 'dns', host: fqdn, port: grpcPort });
    const manager = docs('helm-values.yaml')[0]!.config.envoyGateway.extensionManager;
    assert.deepEqual(manager.service.fqdn, { hostname: fqdn, port: grpcPort });
    assert.deepEqual(manager.policyResources, [{ group: crd.spec.group, version: 'v1alpha1', kind: crd.spec.names.kind }]);
    assert.deepEqual(manager.hooks.xdsTranslator.post, ['Route', 'HTTPListener', 'Translation']);
    assert.equal(manager.failOpen, false);
    const probes = [container.readinessProbe.httpGet, container.livenessProbe.httpGet];
    assert.deepEqual(
      probes.map((p: Doc) => p.path),
      ['/readyz', '/healthz'],
    );
  });

  it("Envoy Gateway's ServiceAccount may read the policies and write their status", () => {
    const [role, binding] = docs('rbac.yaml');
    assert.deepEqual(role!.rules, [
      { apiGroups: ['kgate.dev'], resources: ['authorizationpolicies'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['kgate.dev'], resources: ['authorizationpolicies/status'], verbs: ['update'] },
    ]);
    assert.deepEqual(binding!.subjects, [{ kind: 'ServiceAccount', name: 'envoy-gateway', namespace: 'envoy-gateway-system' }]);
  });
});
