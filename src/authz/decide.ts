// One Check, whatever protocol carried it: select the policies of its scope,
// authorize within the time box, count it, log it. Never throws: any failure
// becomes a decision made by the policies' failurePolicy.
import { performance } from 'node:perf_hooks';
import { failedDecision } from '../engine/authorize.js';
import { ALLOW_ALL, type Decision, type Reason } from '../engine/decision.js';
import { authorizeAll } from '../engine/policy/kyverno-authz-decide.js';
import type { CompiledPolicy } from '../engine/policy/policy.js';
import { isRouteRef } from '../engine/policy/targets.js';
import { logBacklog, type Logger } from '../runtime/logger.js';
import { checkInput } from './input.js';
import type { Metrics, Protocol } from './metrics.js';
import type { CheckScope } from '../policies/scope.js';
import type { PolicyStore } from '../policies/store.js';
import { errorText } from '../engine/types.js';

export interface DeciderOptions {
  readonly store: PolicyStore;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** The time box of one decision, in milliseconds. */
  readonly timeoutMs: number;
  /** One info line per decision. */
  readonly decisionLog: boolean;
}

/**
 * The engine stops at the deadline by itself between steps; this hard stop
 * covers an await that never returns (a stalled key fetch). The grace lets the
 * engine report first, naming the policy that ran out of time.
 */
const HARD_STOP_GRACE_MS = 10;

export const NOT_LOADED = 'kgate is starting: policies are not loaded yet';

/** The warning a route-targeting policy gets when plain-HTTP Checks arrive (its fields name the policy and routes). */
export const ROUTE_SCOPE_OVER_HTTP = 'route targets never apply to plain-HTTP Checks';

/** Route policies warned about (once each) for plain-HTTP Checks; beyond it no more warnings. */
const MAX_ROUTE_WARNINGS = 1024;

export class Decider {
  private readonly backlog;
  /** routeTargeted() as of the last plain-HTTP Check, and the policy ids already warned about. */
  private routeTargetedSeen: readonly CompiledPolicy[] | undefined;
  private readonly routeWarned = new Set<string>();

  constructor(private readonly options: DeciderOptions) {
    this.backlog = logBacklog(options.logger);
  }

  /**
   * Why a Check with this scope cannot be decided now, or undefined. Answered
   * as an error (gRPC UNAVAILABLE, HTTP 503), so Envoy applies the filter's
   * failure_mode_allow: allowing with no policies would fail open.
   */
  unavailable(scope: CheckScope | undefined): string | undefined {
    const { store } = this.options;
    if (!store.ready) return NOT_LOADED;
    if (scope?.listener !== undefined && !store.knowsListener(scope.listener)) {
      const why = this.unknownListener(scope, scope.listener);
      if (why !== undefined) return why;
    }
    if (scope?.route?.key !== undefined && !store.knowsRoute(scope.route.key)) {
      return `no policies known for xds route ${scope.route.key}: Envoy Gateway has not called the route hook for it since kgate started (see --hook-state-file)`;
    }
    return undefined;
  }

  /**
   * A listener the hook never told this process about: undecidable, unless this replica
   * reads the policies from the Kubernetes API and holds (or held) the policy set the
   * filter was injected for (its x-kgate-policy-set digest).
   */
  private unknownListener(scope: CheckScope, listener: string): string | undefined {
    const { store } = this.options;
    if (!store.fromKubernetes) {
      return `no policies known for xds listener ${listener}: Envoy Gateway has not called the hook for it since kgate started (see --hook-state-file)`;
    }
    if (scope.policySet === undefined) {
      this.options.metrics.policySetUnseen();
      return `the filter of xds listener ${listener} carries no x-kgate-policy-set digest: it was injected by a kgate that does not stamp one, so this replica cannot tell which policies it was injected for`;
    }
    if (!store.seenPolicySet(scope, scope.policySet)) {
      this.options.metrics.policySetUnseen();
      return `policy set ${scope.policySet} of xds listener ${listener} (${scope.sections.join(',') || 'no sections'}) not seen yet: this replica's view of the Kubernetes API is behind the one the filter was injected for`;
    }
    return undefined;
  }

  async decide(attributes: unknown, scope: CheckScope | undefined, protocol: Protocol): Promise<Decision> {
    const start = performance.now();
    if (protocol === 'http') this.warnRouteScope(scope);
    const { policies, specificity } = this.options.store.selection(scope);
    let decision: Decision;
    try {
      decision = policies.length === 0 ? ALLOW_ALL : await this.authorize(policies, specificity, attributes, scope, start, protocol);
    } catch (error) {
      this.options.logger.error({ err: error, requestId: requestId(attributes) }, 'check failed unexpectedly; answering by failurePolicy');
      decision = failedDecision(policies, `check failed: ${errorText(error)}`);
    }
    const seconds = (performance.now() - start) / 1000;
    this.options.metrics.check(protocol, decision, seconds);
    if (this.options.decisionLog) this.log(decision, specificity, attributes, scope, protocol, seconds);
    return decision;
  }

  /**
   * Envoy's plain-HTTP ext_authz protocol carries neither context extensions nor route
   * metadata, so a Check on kgate's HTTP port never names a route: route and rule policies
   * cannot apply to it. Said once per policy, loudly, rather than ignored in silence.
   */
  private warnRouteScope(scope: CheckScope | undefined): void {
    const targeted = this.options.store.routeTargeted();
    if (targeted === this.routeTargetedSeen) return;
    this.routeTargetedSeen = targeted;
    for (const policy of targeted) {
      if (this.routeWarned.has(policy.id) || this.routeWarned.size >= MAX_ROUTE_WARNINGS) continue;
      this.routeWarned.add(policy.id);
      const routes = policy.targetRefs
        .filter(isRouteRef)
        .map((ref) => `${ref.kind}/${policy.namespace ?? 'default'}/${ref.name}${ref.sectionName === undefined ? '' : `/${ref.sectionName}`}`);
      this.options.logger.warn(
        {
          policy: policy.id,
          source: policy.source,
          routes,
          ...(scope?.listener === undefined ? {} : { listener: scope.listener }),
          reason: `policy ${policy.id}: its route targets (${routes.join(', ')}) never match a Check on kgate's plain-HTTP port, which carries no route (no context extensions, no route metadata); route scope needs gRPC Checks (kgate's hook-injected filter)`,
        },
        ROUTE_SCOPE_OVER_HTTP,
      );
    }
  }

  private async authorize(
    policies: readonly CompiledPolicy[],
    specificity: ReadonlyMap<string, number>,
    attributes: unknown,
    scope: CheckScope | undefined,
    start: number,
    protocol: Protocol,
  ): Promise<Decision> {
    const { timeoutMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const hardStop = new Promise<Decision>((resolve) => {
      timer = setTimeout(() => resolve(failedDecision(policies, `evaluation exceeded its time box of ${timeoutMs} ms`)), timeoutMs + HARD_STOP_GRACE_MS);
    });
    try {
      const decision = await Promise.race([
        authorizeAll(policies, checkInput(attributes, scope), { deadline: start + timeoutMs, specificity, transport: protocol }),
        hardStop,
      ]);
      return lateDecision(decision, policies, start, timeoutMs) ?? decision;
    } finally {
      clearTimeout(timer);
    }
  }

  private log(
    decision: Decision,
    specificity: ReadonlyMap<string, number>,
    attributes: unknown,
    scope: CheckScope | undefined,
    protocol: Protocol,
    seconds: number,
  ): void {
    // A log reader that falls behind costs decision lines, never memory.
    if (this.backlog && !this.backlog.admits()) return this.options.metrics.decisionLogDropped();
    const deciding = decidingReason(decision, specificity);
    this.options.logger.info(
      {
        requestId: requestId(attributes),
        protocol,
        listener: scope?.listener,
        route: scope?.route?.key,
        allowed: decision.allowed,
        status: decision.httpStatus,
        code: decision.grpcCode,
        policy: deciding?.policy,
        rule: deciding?.rule,
        policies: decision.policies,
        // Messages only: violation details quote request values (tokens, headers).
        reasons: decision.reasons.length === 0 ? undefined : decision.reasons.map(({ policy, rule, kind, message }) => ({ policy, rule, kind, message })),
        durationMs: Math.round(seconds * 1e6) / 1000,
      },
      'decision',
    );
  }
}

/**
 * A synchronous stretch of evaluation cannot be interrupted, so the engine may
 * return after the deadline: such a result is never honoured (it would decide
 * differently under load); it is an evaluation error like any other overrun.
 */
function lateDecision(decision: Decision, policies: readonly CompiledPolicy[], start: number, timeoutMs: number): Decision | undefined {
  const tookMs = performance.now() - start;
  if (tookMs <= timeoutMs || decision.reasons.some((r) => r.kind === 'error')) return undefined;
  return failedDecision(policies, `evaluation exceeded its time box of ${timeoutMs} ms (finished after ${Math.round(tookMs)} ms)`);
}

/** What denied: the violation of the most specific scope (the one that shaped the denial), else the first error. */
function decidingReason(decision: Decision, specificity: ReadonlyMap<string, number>): Reason | undefined {
  if (decision.allowed) return undefined;
  let deciding: Reason | undefined;
  for (const reason of decision.reasons) {
    if (reason.kind !== 'violation') continue;
    if (!deciding || (specificity.get(reason.policy) ?? 0) > (specificity.get(deciding.policy) ?? 0)) deciding = reason;
  }
  return deciding ?? decision.reasons.find((r) => r.kind === 'error');
}

/** `x-request-id` when Envoy forwards it, else Envoy's stream id. */
function requestId(attributes: unknown): string | undefined {
  const http = (attributes as { request?: { http?: { id?: string; headers?: Record<string, string> } } } | undefined)?.request?.http;
  return http?.headers?.['x-request-id'] ?? http?.id;
}
