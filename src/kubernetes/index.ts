// `kgate serve --kubernetes`: the Kubernetes API as a policy source beside files
// and the hook, with its readiness gate and its metrics.
import type { PolicyStore } from '../policies/store.js';
import type { Compilers } from '../engine/types.js';
import type { Logger } from '../runtime/logger.js';
import { customResourceApi, GATEWAY_RESOURCE, loadKubeConfig, POLICY_RESOURCE } from './client.js';
import type { ReflectorStats } from './reflector.js';
import { KubernetesPolicies } from './source.js';
import { StatusReporter } from './status.js';

export interface KubernetesSourceOptions {
  /** Undefined: in-cluster service account, else the default kubeconfig. */
  readonly kubeconfig?: string;
  /** Empty: every namespace. */
  readonly namespaces: readonly string[];
  readonly compilers: Compilers;
  readonly store: PolicyStore;
  readonly logger: Logger;
  readonly onLoadError: () => void;
  readonly quietMs: number;
  /** Where the replicas elect the one that writes policy Events; undefined: no Events. */
  readonly statusLease?: { readonly namespace: string; readonly name: string; readonly identity: string } | undefined;
}

export interface KubernetesSource {
  readonly policies: KubernetesPolicies;
  /** Starts watching (and, with a status Lease, electing the Event writer). */
  start(): void;
  metricLines(): string[];
  stop(): Promise<void>;
}

/** Builds the source and gates the store's readiness on its first full list; call start(). */
export function kubernetesSource(options: KubernetesSourceOptions): KubernetesSource {
  const config = loadKubeConfig(options.kubeconfig);
  const lease = options.statusLease;
  const status = lease && new StatusReporter({ config, namespace: lease.namespace, leaseName: lease.name, identity: lease.identity, logger: options.logger });
  const scopes = options.namespaces.length === 0 ? [undefined] : [...new Set(options.namespaces)];
  const policies = new KubernetesPolicies({
    policyApis: scopes.map((ns) => customResourceApi(config, POLICY_RESOURCE, ns)),
    gatewayApis: scopes.map((ns) => customResourceApi(config, GATEWAY_RESOURCE, ns)),
    compilers: options.compilers,
    sink: options.store,
    logger: options.logger,
    onLoadError: options.onLoadError,
    quietMs: options.quietMs,
    ...(status ? { onVerdict: (verdict) => status.report(verdict) } : {}),
  });
  options.store.enableKubernetes();
  options.store.addReadyGate(() => policies.synced);
  const labels = (kind: string, i: number) => `kind="${kind}",namespace="${scopes[i] ?? ''}"`;
  return {
    policies,
    start: () => {
      policies.start();
      status?.start();
    },
    metricLines: () => [...metricLines(policies.stats(), labels), ...(status ? statusLines(status) : [])],
    stop: async () => {
      await Promise.all([policies.stop(), status?.stop()]);
    },
  };
}

function metricLines(stats: { policies: ReflectorStats[]; gateways: ReflectorStats[] }, labels: (kind: string, i: number) => string): string[] {
  const now = Date.now();
  const rows = [
    ...stats.policies.map((s, i) => [labels('AuthorizationPolicy', i), s] as const),
    ...stats.gateways.map((s, i) => [labels('Gateway', i), s] as const),
  ];
  const series = (name: string, help: string, type: string, value: (s: ReflectorStats) => number) => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} ${type}`,
    ...rows.map(([label, s]) => `${name}{${label}} ${value(s)}`),
  ];
  return [
    ...series('kgate_kubernetes_synced', 'Whether the first full list of this kind (and namespace; empty: all) is complete.', 'gauge', (s) =>
      s.synced ? 1 : 0,
    ),
    ...series(
      'kgate_kubernetes_last_event_age_seconds',
      'Seconds since the last sign of life from the API server: a list, a watch event or bookmark, or a watch it ended normally (its timeout); -1 before the first.',
      'gauge',
      (s) => (s.lastEventAt === 0 ? -1 : Math.round((now - s.lastEventAt) / 100) / 10),
    ),
    ...series('kgate_kubernetes_watch_restarts_total', 'List/watch loop restarts after an error or a quiet watch.', 'counter', (s) => s.restarts),
    ...series(
      'kgate_kubernetes_watch_failing',
      'Consecutive list/watch failures since the last good list: above 0 the API server is unreachable and the last complete view stays in force.',
      'gauge',
      (s) => s.failing,
    ),
    ...series('kgate_kubernetes_objects', 'Objects in the current view.', 'gauge', (s) => s.objects),
  ];
}

function statusLines(status: StatusReporter): string[] {
  const s = status.stats();
  return [
    '# HELP kgate_status_leader Whether this replica holds the status Lease and writes policy Events.',
    '# TYPE kgate_status_leader gauge',
    `kgate_status_leader ${s.leader ? 1 : 0}`,
    '# HELP kgate_status_events_written_total Policy Events (PolicyRefused, PolicyAccepted) this replica wrote.',
    '# TYPE kgate_status_events_written_total counter',
    `kgate_status_events_written_total ${s.eventsWritten}`,
    '# HELP kgate_status_event_write_failures_total Policy Events that could not be written (retried while leading).',
    '# TYPE kgate_status_event_write_failures_total counter',
    `kgate_status_event_write_failures_total ${s.eventWriteFailures}`,
  ];
}
