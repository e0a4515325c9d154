import type { Decision } from '../engine/decision.js';

// Prometheus metrics in the text exposition format (version 0.0.4). Written
// here rather than pulled in with prom-client: kgate exposes a handful of
// series, and the per-Check work must stay at a few increments.

export type CheckResult = 'allowed' | 'denied' | 'error';
export type Protocol = 'grpc' | 'http';

/** Decision latency buckets (seconds): Envoy's filter timeout is 200 ms, kgate's time box 100 ms by default. */
const BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

class Histogram {
  readonly counts = new Float64Array(BUCKETS.length + 1);
  sum = 0;

  observe(seconds: number): void {
    let i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
    this.counts[i]!++;
    this.sum += seconds;
  }

  lines(name: string, label: string): string[] {
    const out: string[] = [];
    let cumulative = 0;
    [...BUCKETS, '+Inf'].forEach((le, i) => {
      cumulative += this.counts[i]!;
      out.push(`${name}_bucket{${label},le="${le}"} ${cumulative}`);
    });
    out.push(`${name}_sum{${label}} ${this.sum}`, `${name}_count{${label}} ${cumulative}`);
    return out;
  }
}

export interface PolicyCounts {
  /** Policies loaded, by source kind (`file`, `listener`, `kubernetes`). */
  readonly policies: Readonly<Record<string, number>>;
  readonly ready: boolean;
  /** Log bytes accepted and not yet written (the decision-log backlog); absent when the logger is not bounded. */
  readonly logPendingBytes?: number;
  /** Request bytes the gRPC server is buffering for calls not yet complete. */
  readonly grpcInFlightBytes?: number;
}

export class Metrics {
  private readonly checks: Record<Protocol, Record<CheckResult, number>> = {
    grpc: { allowed: 0, denied: 0, error: 0 },
    http: { allowed: 0, denied: 0, error: 0 },
  };
  private readonly latency = { grpc: new Histogram(), http: new Histogram() };
  private loadErrors = 0;
  private auditFindings = 0;
  private decisionLinesDropped = 0;
  private policySetsUnseen = 0;

  /** `extra`: more exposition lines (the Kubernetes watch's), appended as they are. */
  constructor(
    private readonly gauges: () => PolicyCounts,
    private readonly extra: () => readonly string[] = () => [],
  ) {}

  /** A Check answered UNAVAILABLE because this replica has not seen the policy set its filter was injected for. */
  policySetUnseen(): void {
    this.policySetsUnseen++;
  }

  /** One decided Check and the time it took. */
  check(protocol: Protocol, decision: Decision, seconds: number): void {
    let result: CheckResult = decision.allowed ? 'allowed' : 'denied';
    for (const reason of decision.reasons) {
      if (reason.kind === 'error') result = 'error';
      else if (reason.kind === 'audit') this.auditFindings++;
    }
    this.checks[protocol][result]++;
    this.latency[protocol].observe(seconds);
  }

  /** A Check the server could not decide (malformed request, internal error): no decision, no latency. */
  failed(protocol: Protocol): void {
    this.checks[protocol].error++;
  }

  /** A decision line not logged because the log backlog was full. */
  decisionLogDropped(): void {
    this.decisionLinesDropped++;
  }

  /** A policy file or object refused at load. */
  loadError(): void {
    this.loadErrors++;
  }

  /** The exposition text for GET /metrics. */
  render(): string {
    const { policies, ready, logPendingBytes, grpcInFlightBytes } = this.gauges();
    const lines = [
      '# HELP kgate_checks_total Authorization checks answered, by protocol and result (error: evaluation failed and failurePolicy decided, or the check failed).',
      '# TYPE kgate_checks_total counter',
    ];
    for (const protocol of ['grpc', 'http'] as const) {
      for (const result of ['allowed', 'denied', 'error'] as const) {
        lines.push(`kgate_checks_total{protocol="${protocol}",result="${result}"} ${this.checks[protocol][result]}`);
      }
    }
    lines.push(
      '# HELP kgate_decision_duration_seconds Time to decide a check, from decoded request to encoded answer.',
      '# TYPE kgate_decision_duration_seconds histogram',
    );
    for (const protocol of ['grpc', 'http'] as const) lines.push(...this.latency[protocol].lines('kgate_decision_duration_seconds', `protocol="${protocol}"`));
    lines.push(
      '# HELP kgate_policy_load_errors_total Policy files or objects refused at load (the previous valid version stays in force).',
      '# TYPE kgate_policy_load_errors_total counter',
      `kgate_policy_load_errors_total ${this.loadErrors}`,
      '# HELP kgate_audit_violations_total Violations of Audit-mode rules (logged, not enforced).',
      '# TYPE kgate_audit_violations_total counter',
      `kgate_audit_violations_total ${this.auditFindings}`,
      '# HELP kgate_decision_log_dropped_total Decision log lines dropped because the log output fell behind (--log-buffer-bytes pending).',
      '# TYPE kgate_decision_log_dropped_total counter',
      `kgate_decision_log_dropped_total ${this.decisionLinesDropped}`,
      '# HELP kgate_policy_set_unseen_total Checks answered UNAVAILABLE (the filter failure mode decides) because the policy set their filter was injected for is not the one this replica holds.',
      '# TYPE kgate_policy_set_unseen_total counter',
      `kgate_policy_set_unseen_total ${this.policySetsUnseen}`,
      '# HELP kgate_policies_loaded Policies in force, by source (file, listener, route, kubernetes).',
      '# TYPE kgate_policies_loaded gauge',
      ...Object.entries(policies).map(([source, n]) => `kgate_policies_loaded{source="${source}"} ${n}`),
      '# HELP kgate_ready Whether the initial policy load is complete and kgate is not draining.',
      '# TYPE kgate_ready gauge',
      `kgate_ready ${ready ? 1 : 0}`,
      ...this.extra(),
    );
    const memory = process.memoryUsage();
    lines.push(
      '# HELP process_resident_memory_bytes Resident memory of the kgate process.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${memory.rss}`,
      '# HELP nodejs_heap_used_bytes V8 heap in use (after the last GC, plus what was allocated since).',
      '# TYPE nodejs_heap_used_bytes gauge',
      `nodejs_heap_used_bytes ${memory.heapUsed}`,
    );
    if (logPendingBytes !== undefined) {
      lines.push(
        '# HELP kgate_log_pending_bytes Log bytes (decision lines included) accepted and not yet written; decision lines are dropped past --log-buffer-bytes.',
        '# TYPE kgate_log_pending_bytes gauge',
        `kgate_log_pending_bytes ${logPendingBytes}`,
      );
    }
    if (grpcInFlightBytes !== undefined) {
      lines.push(
        '# HELP kgate_grpc_in_flight_bytes Request bytes buffered for gRPC calls still receiving; new calls are refused past --grpc-max-in-flight-bytes.',
        '# TYPE kgate_grpc_in_flight_bytes gauge',
        `kgate_grpc_in_flight_bytes ${grpcInFlightBytes}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
}
