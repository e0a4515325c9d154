/** Decision latency buckets (seconds): Envoy's filter timeout is 200 ms, kgate's time box 100 ms by default. */
const BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
class Histogram {
    counts = new Float64Array(BUCKETS.length + 1);
    sum = 0;
    observe(seconds) {
        let i = 0;
        while (i < BUCKETS.length && seconds > BUCKETS[i])
            i++;
        this.counts[i]++;
        this.sum += seconds;
    }
    lines(name, label) {
        const out = [];
        let cumulative = 0;
        [...BUCKETS, '+Inf'].forEach((le, i) => {
            cumulative += this.counts[i];
            out.push(`${name}_bucket{${label},le="${le}"} ${cumulative}`);
        });
        out.push(`${name}_sum{${label}} ${this.sum}`, `${name}_count{${label}} ${cumulative}`);
        return out;
    }
}
export class Metrics {
    gauges;
    checks = {
        grpc: { allowed: 0, denied: 0, error: 0 },
        http: { allowed: 0, denied: 0, error: 0 },
    };
    latency = { grpc: new Histogram(), http: new Histogram() };
    loadErrors = 0;
    auditFindings = 0;
    decisionLinesDropped = 0;
    constructor(gauges) {
        this.gauges = gauges;
    }
    /** One decided Check and the time it took. */
    check(protocol, decision, seconds) {
        let result = decision.allowed ? 'allowed' : 'denied';
        for (const reason of decision.reasons) {
            if (reason.kind === 'error')
                result = 'error';
            else if (reason.kind === 'audit')
                this.auditFindings++;
        }
        this.checks[protocol][result]++;
        this.latency[protocol].observe(seconds);
    }
    /** A Check the server could not decide (malformed request, internal error): no decision, no latency. */
    failed(protocol) {
        this.checks[protocol].error++;
    }
    /** A decision line not logged because the log backlog was full. */
    decisionLogDropped() {
        this.decisionLinesDropped++;
    }
    /** A policy file or object refused at load. */
    loadError() {
        this.loadErrors++;
    }
    /** The exposition text for GET /metrics. */
    render() {
        const { policies, ready } = this.gauges();
        const lines = [
            '# HELP kgate_checks_total Authorization checks answered, by protocol and result (error: evaluation failed and failurePolicy decided, or the check failed).',
            '# TYPE kgate_checks_total counter',
        ];
        for (const protocol of ['grpc', 'http']) {
            for (const result of ['allowed', 'denied', 'error']) {
                lines.push(`kgate_checks_total{protocol="${protocol}",result="${result}"} ${this.checks[protocol][result]}`);
            }
        }
        lines.push('# HELP kgate_decision_duration_seconds Time to decide a check, from decoded request to encoded answer.', '# TYPE kgate_decision_duration_seconds histogram');
        for (const protocol of ['grpc', 'http'])
            lines.push(...this.latency[protocol].lines('kgate_decision_duration_seconds', `protocol="${protocol}"`));
        lines.push('# HELP kgate_policy_load_errors_total Policy files or objects refused at load (the previous valid version stays in force).', '# TYPE kgate_policy_load_errors_total counter', `kgate_policy_load_errors_total ${this.loadErrors}`, '# HELP kgate_audit_violations_total Violations of Audit-mode rules (logged, not enforced).', '# TYPE kgate_audit_violations_total counter', `kgate_audit_violations_total ${this.auditFindings}`, '# HELP kgate_decision_log_dropped_total Decision log lines dropped because the log output fell behind (--log-buffer-bytes pending).', '# TYPE kgate_decision_log_dropped_total counter', `kgate_decision_log_dropped_total ${this.decisionLinesDropped}`, '# HELP kgate_policies_loaded Policies in force, by source (file, listener).', '# TYPE kgate_policies_loaded gauge', ...Object.entries(policies).map(([source, n]) => `kgate_policies_loaded{source="${source}"} ${n}`), '# HELP kgate_ready Whether the initial policy load is complete and kgate is not draining.', '# TYPE kgate_ready gauge', `kgate_ready ${ready ? 1 : 0}`);
        return `${lines.join('\n')}\n`;
    }
}
//# sourceMappingURL=metrics.js.map