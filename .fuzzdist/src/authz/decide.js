// One Check, whatever protocol carried it: select the policies of its scope,
// authorize within the time box, count it, log it. Never throws: any failure
// becomes a decision made by the policies' failurePolicy.
import { performance } from 'node:perf_hooks';
import { failedDecision } from '../engine/authorize.js';
import { ALLOW_ALL } from '../engine/decision.js';
import { authorizeAll } from '../engine/policy/kyverno-authz-decide.js';
import { logBacklog } from '../runtime/logger.js';
import { checkInput } from './input.js';
import { errorText } from '../engine/types.js';
/**
 * The engine stops at the deadline by itself between steps; this hard stop
 * covers an await that never returns (a stalled key fetch). The grace lets the
 * engine report first, naming the policy that ran out of time.
 */
const HARD_STOP_GRACE_MS = 10;
export const NOT_LOADED = 'kgate is starting: policies are not loaded yet';
export class Decider {
    options;
    backlog;
    constructor(options) {
        this.options = options;
        this.backlog = logBacklog(options.logger);
    }
    /**
     * Why a Check with this scope cannot be decided now, or undefined. Answered
     * as an error (gRPC UNAVAILABLE, HTTP 503), so Envoy applies the filter's
     * failure_mode_allow: allowing with no policies would fail open.
     */
    unavailable(scope) {
        const { store } = this.options;
        if (!store.ready)
            return NOT_LOADED;
        if (scope?.listener !== undefined && !store.knowsListener(scope.listener)) {
            return `no policies known for xds listener ${scope.listener}: Envoy Gateway has not called the hook for it since kgate started (see --hook-state-file)`;
        }
        return undefined;
    }
    async decide(attributes, scope, protocol) {
        const start = performance.now();
        const policies = this.options.store.forScope(scope);
        let decision;
        try {
            decision = policies.length === 0 ? ALLOW_ALL : await this.authorize(policies, attributes, scope, start);
        }
        catch (error) {
            this.options.logger.error({ err: error, requestId: requestId(attributes) }, 'check failed unexpectedly; answering by failurePolicy');
            decision = failedDecision(policies, `check failed: ${errorText(error)}`);
        }
        const seconds = (performance.now() - start) / 1000;
        this.options.metrics.check(protocol, decision, seconds);
        if (this.options.decisionLog)
            this.log(decision, attributes, scope, protocol, seconds);
        return decision;
    }
    async authorize(policies, attributes, scope, start) {
        const { timeoutMs } = this.options;
        let timer;
        const hardStop = new Promise((resolve) => {
            timer = setTimeout(() => resolve(failedDecision(policies, `evaluation exceeded its time box of ${timeoutMs} ms`)), timeoutMs + HARD_STOP_GRACE_MS);
        });
        try {
            const decision = await Promise.race([authorizeAll(policies, checkInput(attributes, scope), { deadline: start + timeoutMs }), hardStop]);
            return lateDecision(decision, policies, start, timeoutMs) ?? decision;
        }
        finally {
            clearTimeout(timer);
        }
    }
    log(decision, attributes, scope, protocol, seconds) {
        // A log reader that falls behind costs decision lines, never memory.
        if (this.backlog && !this.backlog.admits())
            return this.options.metrics.decisionLogDropped();
        const deciding = decidingReason(decision);
        this.options.logger.info({
            requestId: requestId(attributes),
            protocol,
            listener: scope?.listener,
            allowed: decision.allowed,
            status: decision.httpStatus,
            code: decision.grpcCode,
            policy: deciding?.policy,
            rule: deciding?.rule,
            policies: decision.policies,
            // Messages only: violation details quote request values (tokens, headers).
            reasons: decision.reasons.length === 0 ? undefined : decision.reasons.map(({ policy, rule, kind, message }) => ({ policy, rule, kind, message })),
            durationMs: Math.round(seconds * 1e6) / 1000,
        }, 'decision');
    }
}
/**
 * A synchronous stretch of evaluation cannot be interrupted, so the engine may
 * return after the deadline: such a result is never honoured (it would decide
 * differently under load); it is an evaluation error like any other overrun.
 */
function lateDecision(decision, policies, start, timeoutMs) {
    const tookMs = performance.now() - start;
    if (tookMs <= timeoutMs || decision.reasons.some((r) => r.kind === 'error'))
        return undefined;
    return failedDecision(policies, `evaluation exceeded its time box of ${timeoutMs} ms (finished after ${Math.round(tookMs)} ms)`);
}
function decidingReason(decision) {
    if (decision.allowed)
        return undefined;
    return decision.reasons.find((r) => r.kind === 'violation') ?? decision.reasons.find((r) => r.kind === 'error');
}
/** `x-request-id` when Envoy forwards it, else Envoy's stream id. */
function requestId(attributes) {
    const http = attributes?.request?.http;
    return http?.headers?.['x-request-id'] ?? http?.id;
}
//# sourceMappingURL=decide.js.map