// What --kubernetes adds to the Check path: the policy-set check of a listener-tagged
// Check (PolicyStore.seenPolicySet: the cached selection, its cached digest, the
// per-scope history) next to the selection every Check already pays (forScope), with 10
// and 100 policies from the Kubernetes source; and the cost of a rebuild (one edit).
// Run: npx tsc -p . && npm run bench:kubernetes
import { policySetDigest } from '../src/engine/policy/digest.js';
import { PolicyStore } from '../src/policies/store.js';
import type { CheckScope } from '../src/policies/scope.js';
import { gatewayRef, targeted } from '../test/authz/support/policies.js';

const MIN_MS = 400;

function nsPerCall(call: () => void): number {
  for (const warm = performance.now(); performance.now() - warm < MIN_MS; ) call();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < MIN_MS) {
    for (let i = 0; i < 1000; i++) call();
    n += 1000;
  }
  return ((performance.now() - start) * 1e6) / n;
}

for (const count of [10, 100]) {
  const policies = Array.from({ length: count }, (_, i) => ({
    ...targeted(`p${i}`, [gatewayRef(i % 2 === 0 ? 'eg' : 'other')]),
    document: { spec: { rules: [{ name: 'r', assert: { all: [{ check: { request: { http: { method: `M${i}` } } } }] } }] } },
  }));
  const store = new PolicyStore();
  store.enableKubernetes();
  store.replaceKubernetes(policies);
  const scope: CheckScope = { listener: 'default/eg/https', sections: ['default/eg/https'] };
  const digest = policySetDigest(store.forScope(scope));
  const select = nsPerCall(() => store.forScope(scope));
  const check = nsPerCall(() => store.seenPolicySet(scope, digest));
  const edit = nsPerCall(() => {
    store.replaceKubernetes(policies);
    store.seenPolicySet(scope, digest);
  });
  console.log(
    `${count} policies (${store.forScope(scope).length} in scope): forScope ${select.toFixed(0)} ns/Check, seenPolicySet ${check.toFixed(0)} ns/Check, ` +
      `first Check after an edit (new snapshot, selection and digest) ${(edit / 1000).toFixed(1)} µs`,
  );
}
