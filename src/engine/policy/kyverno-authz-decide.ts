// How Kyverno Authz policies join the others in one scope. They decide first,
// among themselves, as Kyverno Authz does. A denial or an error of theirs is
// the decision. Otherwise the other policies (AuthorizationPolicy,
// kyverno-json) decide as usual; when those allow and a Kyverno Authz policy
// answered with an allow response, that response is what Envoy gets.
import { authorize, failedDecision, type AuthorizeInput, type AuthorizeOptions } from '../authorize.js';
import { ALLOW_ALL, type Decision } from '../decision.js';
import { celDecision, evaluateCelPolicies } from './kyverno-authz-evaluate.js';
import type { CompiledPolicy } from './policy.js';

export async function authorizeAll(policies: readonly CompiledPolicy[], input: AuthorizeInput, options: AuthorizeOptions = {}): Promise<Decision> {
  const others = policies.filter((p) => p.cel === undefined);
  if (others.length === policies.length) return authorize(policies, input, options);
  const ids = policies.filter((p) => p.cel?.kind === 'ValidatingPolicy').map((p) => p.id);
  const outcome = await evaluateCelPolicies(policies, input.attributes, options.deadline, options.transport);
  if (outcome.kind === 'error') {
    const failed = failedDecision(
      policies.filter((p) => p.cel?.kind === 'ValidatingPolicy' && p.name === outcome.policy),
      outcome.message,
    );
    return { ...failed, reasons: [{ policy: outcome.policy, kind: 'error', message: outcome.message }], policies: ids };
  }
  const rest = others.length === 0 ? undefined : await authorize(others, input, options);
  // No answer and nothing else in scope: Kyverno Authz's empty CheckResponse, byte for byte.
  if (outcome.kind === 'none') return rest ? { ...rest, policies: [...ids, ...rest.policies] } : { ...ALLOW_ALL, policies: ids, envoy: {} };
  const decided = celDecision(outcome, ids);
  if (!decided.allowed || !rest) return decided;
  return rest.allowed ? { ...decided, reasons: rest.reasons, policies: [...ids, ...rest.policies] } : rest;
}
