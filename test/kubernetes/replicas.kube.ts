// Two `kgate serve --kubernetes` replicas against a real API server
// (apiextensions-apiserver on etcd, the chart's CRD applied): same decisions, edits
// converge, deletes stop applying, an API server outage keeps the last good policies and
// is reported, and a replica started during an outage is not ready until it has listed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { ApiServer, REPO, until } from './support/apiserver.js';
import { EVENT_CRD, GATEWAY_CRD, LEASE_CRD } from './support/gateway-crd.js';
import { hookTags, Replica, type Answer } from './support/replica.js';

const POLICIES = '/apis/kgate.dev/v1alpha1/namespaces/default/authorizationpolicies';
const GATEWAYS = '/apis/gateway.networking.k8s.io/v1/namespaces/default/gateways';
const LISTENER = 'default/eg/https';
const SECTION = 'default/eg/https';

/** Requests must carry `x-team: <team>`; denied with 401 otherwise. */
function teamPolicy(
  name: string,
  team: string,
  target: Record<string, unknown> = { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' }] },
) {
  return {
    apiVersion: 'kgate.dev/v1alpha1',
    kind: 'AuthorizationPolicy',
    metadata: { name, namespace: 'default' },
    spec: {
      ...target,
      rules: [
        {
          name: 'team',
          assert: { all: [{ message: `team ${team} only`, check: { request: { http: { headers: { 'x-team': team } } } } }] },
          deny: { status: 401 },
        },
      ],
    },
  };
}

describe('kgate replicas reading policies from a real Kubernetes API server', { timeout: 240_000 }, () => {
  let api: ApiServer;
  const replicas: Replica[] = [];
  let a: Replica;
  let b: Replica;
  const args = () => [
    '--kubernetes',
    '--kubeconfig',
    api.kubeconfigPath,
    '--kubernetes-quiet-relist',
    '30s',
    '--decision-log',
    'off',
    '--status-lease',
    'kgate-system/kgate-status',
  ];

  /** The objects as Envoy Gateway would send them to the hook: what the API server holds now. */
  async function stored(name: string): Promise<unknown> {
    return api.must('GET', `${POLICIES}/${name}`);
  }

  async function answers(tags: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer[]> {
    return Promise.all([a, b].map((r) => r.check(tags, headers)));
  }

  before(async () => {
    api = await ApiServer.start();
    const crd = parse(readFileSync(join(REPO, 'charts/kgate/crds/authorizationpolicies.kgate.dev.yaml'), 'utf8')) as Record<string, unknown>;
    await api.applyCrd(crd);
    await api.applyCrd(GATEWAY_CRD);
    await api.applyCrd(LEASE_CRD);
    await api.applyCrd(EVENT_CRD);
    await api.must('POST', GATEWAYS, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'eg', namespace: 'default', labels: { tier: 'edge' } },
      spec: {},
    });
    await api.must('POST', POLICIES, teamPolicy('team', 'a'));
    a = new Replica('a', api.dir, args());
    b = new Replica('b', api.dir, args());
    replicas.push(a, b);
    await Promise.all(replicas.map((r) => r.start()));
    await until('both replicas ready', async () => ((await Promise.all(replicas.map((r) => r.ready()))).every(Boolean) ? true : undefined), 20_000);
  });

  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await api?.stop();
  });

  it('both replicas decide identically, from the tags the hook puts on the filter', async () => {
    const tags = hookTags(LISTENER, SECTION, [await stored('team')])!;
    assert.deepEqual(await answers(tags, { 'x-team': 'a' }), ['allowed', 'allowed']);
    assert.deepEqual(await answers(tags, { 'x-team': 'b' }), ['denied 401', 'denied 401']);
    assert.deepEqual(await answers(tags), ['denied 401', 'denied 401']);
    // A hand-written filter with only the sections tag: the same policies.
    assert.deepEqual(await answers({ 'x-kgate-sections': SECTION }), ['denied 401', 'denied 401']);
    // Another Gateway's listener: not this policy's.
    assert.deepEqual(await answers({ 'x-kgate-sections': 'default/other/https' }), ['allowed', 'allowed']);
    const metrics = await a.metrics();
    assert.equal(metrics.get('kgate_policies_loaded{source="kubernetes"}'), 1);
    assert.equal(metrics.get('kgate_kubernetes_synced{kind="AuthorizationPolicy",namespace=""}'), 1);
  });

  it('a filter injected for a policy set this replica has not seen is answered UNAVAILABLE and counted', async () => {
    const tags = { ...hookTags(LISTENER, SECTION, [await stored('team')])!, 'x-kgate-policy-set': '0000000000000000' };
    const before = (await a.metrics()).get('kgate_policy_set_unseen_total') ?? 0;
    assert.deepEqual(await answers(tags, { 'x-team': 'a' }), ['unavailable', 'unavailable']);
    assert.equal((await a.metrics()).get('kgate_policy_set_unseen_total'), before + 1);
    // Listener-tagged without a digest: cannot tell which policies the filter was injected for.
    const { 'x-kgate-policy-set': _, ...untagged } = tags;
    assert.deepEqual(await answers(untagged, { 'x-team': 'a' }), ['unavailable', 'unavailable']);
  });

  it('an edit converges on both replicas within a second', async () => {
    const old = hookTags(LISTENER, SECTION, [await stored('team')])!;
    const current = (await stored('team')) as { metadata: Record<string, unknown>; spec: unknown };
    const edited = teamPolicy('team', 'b');
    const started = Date.now();
    await api.must('PUT', `${POLICIES}/team`, { ...edited, metadata: { ...edited.metadata, resourceVersion: current.metadata.resourceVersion } });
    const tags = hookTags(LISTENER, SECTION, [await stored('team')])!;
    assert.notEqual(tags['x-kgate-policy-set'], old['x-kgate-policy-set']);
    await until(
      'both replicas to enforce the edit',
      async () => ((await answers(tags, { 'x-team': 'b' })).every((x) => x === 'allowed') ? true : undefined),
      1000,
      10,
    );
    const tookMs = Date.now() - started;
    console.log(`edit converged on both replicas in ${tookMs} ms (from the PUT)`);
    assert.ok(tookMs < 1000, `converged in ${tookMs} ms`);
    assert.deepEqual(await answers(tags, { 'x-team': 'a' }), ['denied 401', 'denied 401']);
    // Envoy may still hold the filter injected for the old set: both replicas saw that set, so they decide (with the newer policy).
    assert.deepEqual(await answers(old, { 'x-team': 'b' }), ['allowed', 'allowed']);
  });

  it('a refused edit keeps the last valid version in force and is counted', async () => {
    const current = (await stored('team')) as { metadata: Record<string, unknown> };
    const broken = teamPolicy('team', 'c');
    // An expression that does not parse (unknown fields never get here: the CRD's schema prunes them).
    broken.spec.rules[0]!.assert.all[0]!.check = { '(request.http.headers[)': true } as never;
    await api.must('PUT', `${POLICIES}/team`, { ...broken, metadata: { ...broken.metadata, resourceVersion: current.metadata.resourceVersion } });
    await until('both replicas to count the refusal', async () =>
      (await Promise.all([a, b].map(async (r) => (await r.metrics()).get('kgate_policy_load_errors_total') ?? 0))).every((n) => n >= 1) ? true : undefined,
    );
    assert.deepEqual(
      await answers({ 'x-kgate-sections': SECTION }, { 'x-team': 'b' }),
      ['allowed', 'allowed'],
      'team b (the last valid version) still applies',
    );
    assert.deepEqual(await answers({ 'x-kgate-sections': SECTION }, { 'x-team': 'c' }), ['denied 401', 'denied 401']);
    // Logs are written asynchronously: the line follows the counter shortly.
    await until('the refusal in the log', () => (readFileSync(a.logFile, 'utf8').includes('"msg":"policy refused"') ? true : undefined));
    // Visible to kubectl describe: one Warning Event regarding the policy, written by the one Lease holder.
    const leaders = await Promise.all([a, b].map(async (r) => (await r.metrics()).get('kgate_status_leader') ?? 0));
    assert.equal(leaders[0]! + leaders[1]!, 1, `exactly one replica leads: ${leaders}`);
    const events = await until('a PolicyRefused Event', async () => {
      const list = (await api.must('GET', '/apis/events.k8s.io/v1/namespaces/default/events')) as {
        items: { reason: string; type: string; note: string; regarding: { name: string; kind: string }; reportingController: string }[];
      };
      const refused = list.items.filter((e) => e.reason === 'PolicyRefused' && e.regarding.name === 'team');
      return refused.length > 0 ? refused : undefined;
    });
    assert.equal(events.length, 1, 'written once, not once per replica');
    assert.equal(events[0]!.type, 'Warning');
    assert.equal(events[0]!.regarding.kind, 'AuthorizationPolicy');
    assert.equal(events[0]!.reportingController, 'kgate.dev/kgate');
    assert.match(events[0]!.note, /spec\.rules\[0\]\.assert\.all\[0\]\.check.*does not compile.*last valid version stays in force/);
    const refused = (await stored('team')) as { metadata: Record<string, unknown> };
    const fixed = teamPolicy('team', 'b');
    await api.must('PUT', `${POLICIES}/team`, { ...fixed, metadata: { ...fixed.metadata, resourceVersion: refused.metadata.resourceVersion } });
  });

  it('targetSelectors pick Gateways by label, as Envoy Gateway resolves them', async () => {
    await api.must(
      'POST',
      POLICIES,
      teamPolicy('by-label', 'b', { targetSelectors: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', matchLabels: { tier: 'edge' } }] }),
    );
    const tags = hookTags(LISTENER, SECTION, [await stored('team'), await stored('by-label')])!;
    await until(
      'both replicas to hold both policies',
      async () => ((await answers(tags, { 'x-team': 'b' })).every((x) => x === 'allowed') ? true : undefined),
      2000,
      20,
    );
    assert.deepEqual(await answers(tags, { 'x-team': 'a' }), ['denied 401', 'denied 401']);
    await api.must('DELETE', `${POLICIES}/by-label`);
  });

  it('a deleted policy stops applying', async () => {
    await api.must('DELETE', `${POLICIES}/team`);
    await until(
      'both replicas to drop the policy',
      async () => ((await answers({ 'x-kgate-sections': SECTION }, { 'x-team': 'z' })).every((x) => x === 'allowed') ? true : undefined),
      1000,
      10,
    );
    const metrics = await b.metrics();
    assert.equal(metrics.get('kgate_policies_loaded{source="kubernetes"}'), 0);
  });

  it('the API server stopped: the last good policies stay and metrics say so; started again: both catch up', async () => {
    await api.must('POST', POLICIES, teamPolicy('outage', 'a'));
    await until('both replicas to enforce the new policy', async () =>
      (await answers({ 'x-kgate-sections': SECTION })).every((x) => x === 'denied 401') ? true : undefined,
    );
    const restartsBefore = (await a.metrics()).get('kgate_kubernetes_watch_restarts_total{kind="AuthorizationPolicy",namespace=""}') ?? 0;
    await api.stopApiServer();
    await until(
      'both replicas to report failing watches',
      async () =>
        (
          await Promise.all([a, b].map(async (r) => (await r.metrics()).get('kgate_kubernetes_watch_failing{kind="AuthorizationPolicy",namespace=""}') ?? 0))
        ).every((n) => n > 0)
          ? true
          : undefined,
      15_000,
    );
    assert.deepEqual(await answers({ 'x-kgate-sections': SECTION }), ['denied 401', 'denied 401'], 'the last good policy still applies');
    assert.deepEqual(await answers({ 'x-kgate-sections': SECTION }, { 'x-team': 'a' }), ['allowed', 'allowed']);
    assert.ok(await a.ready(), 'a replica that has listed once stays ready through the outage');
    const during = await a.metrics();
    assert.ok((during.get('kgate_kubernetes_watch_restarts_total{kind="AuthorizationPolicy",namespace=""}') ?? 0) > restartsBefore);
    assert.ok((during.get('kgate_kubernetes_last_event_age_seconds{kind="AuthorizationPolicy",namespace=""}') ?? -1) >= 0);

    // A third replica started while the API server is down: not ready, Checks UNAVAILABLE.
    const late = new Replica('late', api.dir, args());
    replicas.push(late);
    await late.start();
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await late.ready(), false, 'not ready before its first list');
    assert.equal(await late.check({ 'x-kgate-sections': SECTION }, { 'x-team': 'a' }), 'unavailable');
    assert.equal((await late.metrics()).get('kgate_kubernetes_synced{kind="AuthorizationPolicy",namespace=""}'), 0);

    await api.startApiServer();
    await until('the late replica to list and be ready', async () => ((await late.ready()) ? true : undefined), 40_000);
    assert.equal(await late.check({ 'x-kgate-sections': SECTION }), 'denied 401');
    // Catch up: an edit after the outage reaches every replica.
    const current = (await stored('outage')) as { metadata: Record<string, unknown> };
    const edited = teamPolicy('outage', 'b');
    await api.must('PUT', `${POLICIES}/outage`, { ...edited, metadata: { ...edited.metadata, resourceVersion: current.metadata.resourceVersion } });
    await until(
      'every replica to catch up',
      async () =>
        (await Promise.all([a, b, late].map((r) => r.check({ 'x-kgate-sections': SECTION }, { 'x-team': 'b' })))).every((x) => x === 'allowed')
          ? true
          : undefined,
      40_000,
    );
    const after = await a.metrics();
    assert.equal(after.get('kgate_kubernetes_watch_failing{kind="AuthorizationPolicy",namespace=""}'), 0);
  });

  it('the status Lease moves to another replica when its holder stops, and the new leader writes Events', async () => {
    const leaderOf = async () => {
      const flags = await Promise.all(
        replicas.map(async (r) => ((await r.metrics().catch(() => new Map<string, number>())).get('kgate_status_leader') ?? 0) === 1),
      );
      return replicas.filter((_, i) => flags[i]);
    };
    const [leader] = await until('one leader', async () => {
      const l = await leaderOf();
      return l.length === 1 ? l : undefined;
    });
    await leader!.stop();
    replicas.splice(replicas.indexOf(leader!), 1);
    const [next] = await until(
      'another replica to lead',
      async () => {
        const l = await leaderOf();
        return l.length === 1 ? l : undefined;
      },
      20_000,
    );
    assert.notEqual(next, leader);
    const lease = (await api.must('GET', '/apis/coordination.k8s.io/v1/namespaces/kgate-system/leases/kgate-status')) as {
      spec: { holderIdentity: string; leaseTransitions: number };
    };
    assert.ok(lease.spec.leaseTransitions >= 1);
    // A refusal now is written by the new leader.
    const broken = teamPolicy('refused-later', 'x');
    broken.spec.rules[0]!.assert.all[0]!.check = { '(request.http.headers[)': true } as never;
    await api.must('POST', POLICIES, broken);
    await until(
      'a PolicyRefused Event from the new leader',
      async () => {
        const list = (await api.must('GET', '/apis/events.k8s.io/v1/namespaces/default/events')) as {
          items: { reason: string; regarding: { name: string } }[];
        };
        return list.items.some((e) => e.reason === 'PolicyRefused' && e.regarding.name === 'refused-later') ? true : undefined;
      },
      20_000,
    );
  });
});
