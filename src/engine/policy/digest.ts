// A short content hash of a set of policies: what Envoy Gateway's hook stamps on
// the filter it injects (x-kgate-policy-set) and what a replica that reads the
// policies from the Kubernetes API computes for the same scope. Equal digests:
// both hold the same policies. It covers each policy's id and spec (canonical
// JSON, keys sorted), not metadata or status, which differ between EG's copy
// and a watch's without changing what is enforced.
import { createHash } from 'node:crypto';
import type { CompiledPolicy } from './policy.js';

const cache = new WeakMap<CompiledPolicy, string>();

/** Hex digest (16 characters) of the policies, in any order; duplicates by id count once. */
export function policySetDigest(policies: readonly CompiledPolicy[]): string {
  const entries = [...new Map(policies.map((p) => [p.id, policyContent(p)])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
}

function policyContent(policy: CompiledPolicy): string {
  let content = cache.get(policy);
  if (content === undefined) {
    const spec = (policy.document as { spec?: unknown } | undefined)?.spec;
    content = createHash('sha256')
      .update(canonical(spec ?? policy.document))
      .digest('hex');
    cache.set(policy, content);
  }
  return content;
}

/** JSON with object keys sorted at every level. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
