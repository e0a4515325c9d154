// charts/kgate through the pinned helm: `helm lint` passes and `helm template` renders
// what the chart promises (2 replicas, probes, PDB, Services, RBAC for kgate and for
// Envoy Gateway, the CRD identical to the example's).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { kubeTools, REPO } from './support/apiserver.js';

const CHART = join(REPO, 'charts/kgate');

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  rules?: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
  subjects?: { kind: string; name: string; namespace: string }[];
  roleRef?: { name: string };
}

function helm(...args: string[]): string {
  return execFileSync(kubeTools().helmBin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function render(...set: string[]): Manifest[] {
  const text = helm('template', 'kgate', CHART, '--namespace', 'kgate-system', '--include-crds', ...set.flatMap((s) => ['--set', s]));
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

function one(manifests: Manifest[], kind: string, name?: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  assert.equal(found.length, 1, `exactly one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0]!;
}

interface Container {
  args: string[];
  ports: { name: string; containerPort: number }[];
  readinessProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
}

describe('the Helm chart', () => {
  it('passes helm lint', () => {
    assert.match(helm('lint', CHART), /1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it('renders two replicas watching the API server, probed on /healthz and /readyz, behind a PDB', () => {
    const manifests = render();
    const deployment = one(manifests, 'Deployment', 'kgate');
    const spec = deployment.spec as {
      replicas: number;
      selector: { matchLabels: Record<string, string> };
      template: { spec: { serviceAccountName: string; containers: Container[] } };
    };
    assert.equal(spec.replicas, 2);
    const [container] = spec.template.spec.containers;
    assert.ok(container);
    assert.equal(container.args[0], 'serve');
    assert.ok(container.args.includes('--kubernetes'));
    assert.ok(!container.args.some((a) => a.startsWith('--namespace')), 'all namespaces by default');
    assert.ok(container.args.includes('--ext-authz-address=kgate-checks.kgate-system.svc.cluster.local:9000'));
    assert.ok(container.args.includes('--admin-address=0.0.0.0:9002'));
    assert.ok(container.args.includes('--status-lease=kgate-system/kgate-status'));
    assert.deepEqual(container.readinessProbe.httpGet, { path: '/readyz', port: 'admin' });
    assert.deepEqual(container.livenessProbe.httpGet, { path: '/healthz', port: 'admin' });
    assert.deepEqual(
      container.ports.map((p) => [p.name, p.containerPort]),
      [
        ['grpc', 9000],
        ['http', 9001],
        ['admin', 9002],
      ],
    );

    const pdb = one(manifests, 'PodDisruptionBudget');
    const pdbSpec = pdb.spec as { maxUnavailable: number; selector: { matchLabels: Record<string, string> } };
    assert.equal(pdbSpec.maxUnavailable, 1);
    assert.deepEqual(pdbSpec.selector.matchLabels, spec.selector.matchLabels);

    const service = one(manifests, 'Service', 'kgate').spec as { selector: Record<string, string>; ports: { name: string; port: number }[] };
    assert.deepEqual(service.selector, spec.selector.matchLabels);
    assert.deepEqual(
      service.ports.map((p) => p.name),
      ['grpc', 'http', 'admin'],
    );
    const checks = one(manifests, 'Service', 'kgate-checks').spec as { clusterIP: string; selector: Record<string, string> };
    assert.equal(checks.clusterIP, 'None', 'headless: Envoy resolves every ready replica');
    assert.deepEqual(checks.selector, spec.selector.matchLabels);
    assert.equal(one(manifests, 'ServiceAccount').metadata.name, spec.template.spec.serviceAccountName);
  });

  it('grants kgate get/list/watch on policies and Gateways, and Envoy Gateway its status writes', () => {
    const manifests = render();
    const kgate = one(manifests, 'ClusterRole', 'kgate');
    assert.deepEqual(
      kgate.rules!.map((r) => [r.apiGroups, r.resources, r.verbs]),
      [
        [['kgate.dev'], ['authorizationpolicies'], ['get', 'list', 'watch']],
        [['gateway.networking.k8s.io'], ['gateways'], ['get', 'list', 'watch']],
        [['events.k8s.io'], ['events'], ['create']],
      ],
    );
    const lease = one(manifests, 'Role', 'kgate-status-lease');
    assert.equal(lease.metadata.namespace, 'kgate-system');
    assert.deepEqual(lease.rules, [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }]);
    const binding = one(manifests, 'ClusterRoleBinding', 'kgate');
    assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'kgate', namespace: 'kgate-system' }]);
    const eg = one(manifests, 'ClusterRole', 'kgate-envoy-gateway');
    assert.ok(eg.rules!.some((r) => r.resources.includes('authorizationpolicies/status') && r.verbs.includes('update')));
    assert.ok(eg.rules!.some((r) => r.resources.includes('authorizationpolicies') && r.verbs.includes('watch')));
    const egBinding = one(manifests, 'ClusterRoleBinding', 'kgate-envoy-gateway');
    assert.deepEqual(egBinding.subjects, [{ kind: 'ServiceAccount', name: 'envoy-gateway', namespace: 'envoy-gateway-system' }]);
  });

  it('watchNamespaces: a Role per namespace and one --namespace flag each, no ClusterRole for kgate', () => {
    const manifests = render('watchNamespaces={team-a,team-b}', 'replicaCount=3');
    const roles = manifests.filter((m) => m.kind === 'Role' && m.metadata.name === 'kgate');
    assert.deepEqual(roles.map((r) => r.metadata.namespace).sort(), ['team-a', 'team-b']);
    assert.equal(manifests.filter((m) => m.kind === 'ClusterRole' && m.metadata.name === 'kgate').length, 0);
    const spec = one(manifests, 'Deployment').spec as { replicas: number; template: { spec: { containers: Container[] } } };
    assert.equal(spec.replicas, 3);
    assert.deepEqual(
      spec.template.spec.containers[0]!.args.filter((a) => a.startsWith('--namespace')),
      ['--namespace=team-a', '--namespace=team-b'],
    );
  });

  it('ships the CRD byte for byte as examples/envoy-gateway/crd.yaml, with the status schema Envoy Gateway writes', () => {
    const chartCrd = readFileSync(join(CHART, 'crds/authorizationpolicies.kgate.dev.yaml'), 'utf8');
    assert.equal(chartCrd, readFileSync(join(REPO, 'examples/envoy-gateway/crd.yaml'), 'utf8'));
    const crd = one(render(), 'CustomResourceDefinition') as unknown as {
      spec: {
        versions: { subresources: Record<string, unknown>; schema: { openAPIV3Schema: { properties: { status: { properties: Record<string, unknown> } } } } }[];
      };
    };
    const [version] = crd.spec.versions;
    assert.ok(version?.subresources.status !== undefined, 'status subresource');
    assert.ok('ancestors' in version!.schema.openAPIV3Schema.properties.status.properties);
  });
});
