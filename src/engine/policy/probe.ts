// What one evaluation of a policy costs, measured at load on a
// representative request: a policy that cannot be decided within the
// decision time box would deny (or, with failurePolicy Ignore, skip) every
// request, so it is reported before it is put in force. Each rule runs once,
// a step per rule, so probing a 20,000-rule policy never stalls the loop.
import { Bindings } from '../bindings.js';
import type { CompiledPolicy } from './policy.js';
import { policyBindings } from './rules.js';
import type { Steps } from './steps.js';

/** A plain `GET /` as Envoy describes it: what most rules see first. */
export const PROBE_REQUEST: unknown = Object.freeze({
  source: { address: { socketAddress: { address: '10.0.0.1', portValue: 40000 } } },
  destination: { address: { socketAddress: { address: '10.0.0.2', portValue: 8080 } } },
  request: {
    time: '1970-01-01T00:00:00Z',
    http: {
      id: '1',
      method: 'GET',
      headers: { ':authority': 'example.com', ':method': 'GET', ':path': '/', ':scheme': 'http', 'user-agent': 'kgate-probe' },
      path: '/',
      host: 'example.com',
      scheme: 'http',
      protocol: 'HTTP/1.1',
    },
  },
});

/**
 * Milliseconds the policy's rules took on `payload`, each rule at most
 * `budgetMs`; the cheaper of two runs per rule, so one preemption of the
 * process does not count as the policy's cost.
 */
export function* probePolicy(policy: CompiledPolicy, budgetMs: number, payload: unknown = PROBE_REQUEST): Steps<number> {
  const { probe } = policy.rules;
  if (!probe) return 0;
  // Fresh bindings per run: lazy context entries are computed once per binding set, and each run must pay for them.
  const bindings = (): Bindings => {
    const base = policyBindings(Bindings.empty, payload, policy.document);
    const context = policy.shaping?.context;
    return context ? context(payload, base, performance.now() + budgetMs) : base;
  };
  const first: number[] = [];
  for (const ms of probe.call(policy.rules, payload, bindings(), budgetMs)) {
    first.push(ms);
    yield;
  }
  let total = 0;
  let i = 0;
  for (const ms of probe.call(policy.rules, payload, bindings(), budgetMs)) {
    total += Math.min(ms, first[i++] ?? ms);
    yield;
  }
  return total;
}
