// kgate serve: the ext_authz server (gRPC and HTTP), the Envoy Gateway hooks,
// health and metrics, until SIGTERM drains it.
import { createCompilers } from '../engine/compilers/index.js';
import { createExtensionService, HOOK_MAX_MESSAGE_BYTES } from '../hooks/service.js';
import { hookConfigFrom, hookFlagOptions, hookFlagsUsage } from './hook-flags.js';
import { HookState } from '../hooks/state.js';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { createKeyResolver } from '../keys/index.js';
import { kubernetesSource, type KubernetesSource } from '../kubernetes/index.js';
import { KgateServer } from '../authz/server.js';
import { PolicyLoadError } from '../policies/file-source.js';
import { parseListenAddress } from '../runtime/address.js';
import { createLogger, LOG_LEVELS, type Logger } from '../runtime/logger.js';
import { onTermination } from '../runtime/signals.js';
import { parseBytes, parseDuration } from '../runtime/units.js';
import { DEFAULT_DECISION_TIMEOUT, parseFlags, runCommand, UsageError } from './args.js';
import { errorText } from '../engine/types.js';

const usage = `usage: kgate serve [flags]

  --grpc-address ADDR           Check (envoy.service.auth.v3.Authorization), gRPC health and the
                                Envoy Gateway extension service (default 0.0.0.0:9000)
  --http-address ADDR           Envoy's plain-HTTP ext_authz protocol (default 0.0.0.0:9001)
  --admin-address ADDR          /healthz, /readyz, /metrics (default 0.0.0.0:9002)
                                ADDR: host:port, [ipv6]:port, :port, unix:///path, or off
  --policy PATH                 policy file or folder, repeatable; watched and reloaded live
  --policy-removal-grace DUR    how long a policy file that had policies may be deleted or empty
                                before its policies are dropped; until then the last valid
                                version stays in force (default 5s)
  --log-level LEVEL             ${LOG_LEVELS.join(' | ')} (default info)
  --decision-log on|off         one log line per decision (default on)
  --log-buffer-bytes SIZE       log bytes waiting for stdout; past it decision lines are dropped
                                (counted in kgate_decision_log_dropped_total), past twice it
                                every line (default 4MiB)
  --decision-timeout DUR        time box of one decision; past it the decision is an evaluation
                                error (default ${DEFAULT_DECISION_TIMEOUT}; keep it below Envoy's ext_authz timeout)
  --http-max-body-bytes SIZE    largest request body read over HTTP; larger ones get 413
                                (default 1MiB)
  --grpc-max-receive-bytes SIZE largest Envoy Gateway hook request message
                                (default ${HOOK_MAX_MESSAGE_BYTES / 1024 / 1024}MiB)
  --check-max-receive-bytes SIZE
                                largest Check (and gRPC health) request message (default 4MiB)
  --grpc-receive-timeout DUR    a gRPC request message must arrive within this (default 30s)
  --grpc-idle-timeout DUR       ...with no pause longer than this (default 10s); else the
                                stream is reset
  --grpc-max-in-flight-bytes SIZE
                                request bytes buffered over all gRPC streams; past it calls get
                                RESOURCE_EXHAUSTED (default 256MiB)
  --shutdown-delay DUR          on SIGTERM, how long kgate keeps serving after readiness turns 503
                                so endpoints are removed before the ports close (default 2s)
  --shutdown-timeout DUR        then, how long it waits for calls in flight (default 10s)
  --hook-state-file PATH        keep what Envoy Gateway's hook sent in this file and restore it at
                                start (default: memory only; a restarted kgate then answers Checks
                                from hook-injected filters UNAVAILABLE until EG calls the hook again)
  --kubernetes                  also read kgate.dev/v1alpha1 AuthorizationPolicy objects (and the
                                Gateways their targetSelectors pick) from the Kubernetes API: every
                                replica decides hook-injected filters' Checks on its own; ready
                                only after the first full list
  --kubeconfig FILE             with --kubernetes: this kubeconfig (default: the in-cluster service
                                account, else $KUBECONFIG or ~/.kube/config)
  --namespace NS                with --kubernetes: watch only this namespace, repeatable (default all)
  --kubernetes-quiet-relist DUR with --kubernetes: relist when a watch brought nothing, not even a
                                bookmark, for this long; each watch is closed by the server after
                                80% of it (at most 4m) and resumed (default 5m)
  --status-lease NS/NAME|off    with --kubernetes: the coordination.k8s.io Lease that elects the one
                                replica writing policy Events (PolicyRefused, PolicyAccepted)
                                (default <$POD_NAMESPACE, else the service account's namespace,
                                else default>/kgate-status)

${hookFlagsUsage}`;

const options = {
  'grpc-address': { type: 'string', default: '0.0.0.0:9000' },
  'http-address': { type: 'string', default: '0.0.0.0:9001' },
  'admin-address': { type: 'string', default: '0.0.0.0:9002' },
  policy: { type: 'string', multiple: true, default: [] as string[] },
  'policy-removal-grace': { type: 'string', default: '5s' },
  'log-level': { type: 'string', default: 'info' },
  'decision-log': { type: 'string', default: 'on' },
  'log-buffer-bytes': { type: 'string', default: '4MiB' },
  'decision-timeout': { type: 'string', default: DEFAULT_DECISION_TIMEOUT },
  'http-max-body-bytes': { type: 'string', default: '1MiB' },
  'grpc-max-receive-bytes': { type: 'string', default: `${HOOK_MAX_MESSAGE_BYTES}` },
  'check-max-receive-bytes': { type: 'string', default: '4MiB' },
  'grpc-receive-timeout': { type: 'string', default: '30s' },
  'grpc-idle-timeout': { type: 'string', default: '10s' },
  'grpc-max-in-flight-bytes': { type: 'string', default: '256MiB' },
  'shutdown-delay': { type: 'string', default: '2s' },
  'shutdown-timeout': { type: 'string', default: '10s' },
  'hook-state-file': { type: 'string' },
  kubernetes: { type: 'boolean', default: false },
  kubeconfig: { type: 'string' },
  namespace: { type: 'string', multiple: true, default: [] as string[] },
  'kubernetes-quiet-relist': { type: 'string', default: '5m' },
  'status-lease': { type: 'string' },
  help: { type: 'boolean', default: false },
  ...hookFlagOptions,
} as const;

export function run(argv: string[]): Promise<number> {
  return runCommand('serve', usage, async () => {
    const flags = parseFlags(argv, options);
    if (flags.help) {
      process.stdout.write(usage);
      return 0;
    }
    const settings = settingsFrom(flags);
    const hookConfig = hookConfigFrom(flags);
    const logger = asUsageError(() => createLogger(flags['log-level'], undefined, parseBytes(flags['log-buffer-bytes'], '--log-buffer-bytes')));
    keepRunning(logger);
    const compilers = createCompilers({ now: Date.now, keys: createKeyResolver() });
    const state = hookState(flags['hook-state-file'], logger);
    const kube = kubernetesSettings(flags);
    let kubernetes: KubernetesSource | undefined;
    const server = new KgateServer({
      ...settings,
      compilers,
      logger,
      services: (store) => [createExtensionService({ store, compilers, config: hookConfig, logger, ...state })],
      extraMetrics: () => kubernetes?.metricLines() ?? [],
    });
    if (kube) {
      try {
        kubernetes = kubernetesSource({ ...kube, compilers, store: server.store, logger, onLoadError: () => server.metrics.loadError() });
      } catch (error) {
        logger.fatal(
          { kubeconfig: kube.kubeconfig, reason: error instanceof Error ? error.message : String(error) },
          'cannot start: no usable Kubernetes configuration',
        );
        await flushed(logger);
        return 1;
      }
    }
    try {
      await server.listen();
    } catch (error) {
      // A port in use is the machine's state, not a flag mistake: exit 1, not the usage code 2.
      logger.fatal({ err: error }, 'cannot start: a port could not be bound');
      await server.close();
      await flushed(logger);
      return 1;
    }
    try {
      await server.loadPolicies();
    } catch (error) {
      if (!(error instanceof PolicyLoadError)) throw error;
      logger.fatal({ failures: error.failures }, 'cannot start: a policy file is invalid');
      await server.close();
      await flushed(logger);
      return 1;
    }
    if (kubernetes) kubernetes.start();
    else warnIfNoFilePolicies(server, flags.policy, logger);
    return new Promise<number>((resolve) => {
      onTermination(async (signal) => {
        logger.info({ signal }, 'draining');
        await server.close();
        await kubernetes?.stop();
        await state.state?.flush();
        logger.info('stopped');
        await flushed(logger);
        resolve(0);
      });
    });
  });
}

/**
 * A server answering every request must not die of one stray error: Node 20
 * exits on an unhandled rejection. Such an error is a bug, logged loudly; the
 * Check path already turns its own failures into failurePolicy answers.
 */
function keepRunning(logger: Logger): void {
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection (a bug): kgate keeps serving'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception (a bug): kgate keeps serving'));
}

/**
 * Without file policies, only Checks tagged by a filter the Envoy Gateway
 * hook injected have policies: every other Check is allowed. Right for a
 * hook-only deployment, a fail-open for a mistyped --policy: say so loudly.
 */
function warnIfNoFilePolicies(server: KgateServer, paths: readonly string[], logger: Logger): void {
  if (server.store.counts().file.sources > 0) return;
  const reason = paths.length === 0 ? 'no --policy given' : 'the --policy paths hold no policy';
  logger.warn(
    { reason, paths },
    'NO POLICY FROM FILES: every Check not tagged by a filter the Envoy Gateway hook injected is ALLOWED; only policies the hook sends are enforced',
  );
}

function kubernetesSettings(
  flags: Flags,
): { kubeconfig?: string; namespaces: string[]; quietMs: number; statusLease: { namespace: string; name: string; identity: string } | undefined } | undefined {
  if (!flags.kubernetes) {
    const stray = (['kubeconfig', 'namespace', 'status-lease'] as const).filter((f) => flags[f] !== undefined && flags[f].length > 0);
    if (stray.length > 0) throw new UsageError(`--${stray[0]} needs --kubernetes`);
    return undefined;
  }
  const namespaces = flags.namespace.map((n) => n.trim());
  const bad = namespaces.find((n) => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n) || n.length > 63);
  if (bad !== undefined) throw new UsageError(`--namespace: ${JSON.stringify(bad)} is not a Kubernetes namespace name`);
  const quietMs = asUsageError(() => parseDuration(flags['kubernetes-quiet-relist'], '--kubernetes-quiet-relist'));
  if (quietMs < 2000) throw new UsageError('--kubernetes-quiet-relist: must be at least 2s');
  return { ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }), namespaces, quietMs, statusLease: statusLease(flags['status-lease']) };
}

function statusLease(flag: string | undefined): { namespace: string; name: string; identity: string } | undefined {
  if (flag === 'off') return undefined;
  const identity = `${process.env.POD_NAME || hostname()}_${process.pid}`;
  if (flag === undefined) return { namespace: ownNamespace(), name: 'kgate-status', identity };
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/.exec(flag);
  if (!match) throw new UsageError(`--status-lease: ${JSON.stringify(flag)} is not NAMESPACE/NAME or off`);
  return { namespace: match[1]!, name: match[3]!, identity };
}

/** The pod's namespace: $POD_NAMESPACE (the chart sets it), else the mounted service account's, else default. */
function ownNamespace(): string {
  if (process.env.POD_NAMESPACE) return process.env.POD_NAMESPACE;
  try {
    return readFileSync('/var/run/secrets/kubernetes.io/serviceaccount/namespace', 'utf8').trim() || 'default';
  } catch {
    return 'default';
  }
}

function flushed(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

type Flags = ReturnType<typeof parseFlags<typeof options>>;

function hookState(path: string | undefined, logger: Logger): { state?: HookState } {
  return path === undefined ? {} : { state: new HookState(path, logger) };
}

function asUsageError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(errorText(error));
  }
}

function settingsFrom(flags: Flags) {
  const decisionLog = flags['decision-log'];
  if (decisionLog !== 'on' && decisionLog !== 'off') throw new UsageError(`--decision-log: ${JSON.stringify(decisionLog)} is not on or off`);
  return asUsageError(() => ({
    grpcAddress: parseListenAddress(flags['grpc-address'], '--grpc-address'),
    httpAddress: parseListenAddress(flags['http-address'], '--http-address'),
    adminAddress: parseListenAddress(flags['admin-address'], '--admin-address'),
    policyPaths: flags.policy,
    policyRemovalGraceMs: parseDuration(flags['policy-removal-grace'], '--policy-removal-grace'),
    decisionLog: decisionLog === 'on',
    decisionTimeoutMs: parseDuration(flags['decision-timeout'], '--decision-timeout'),
    httpMaxBodyBytes: parseBytes(flags['http-max-body-bytes'], '--http-max-body-bytes'),
    grpcMaxReceiveBytes: parseBytes(flags['grpc-max-receive-bytes'], '--grpc-max-receive-bytes'),
    checkMaxReceiveBytes: parseBytes(flags['check-max-receive-bytes'], '--check-max-receive-bytes'),
    grpcReceiveTimeoutMs: parseDuration(flags['grpc-receive-timeout'], '--grpc-receive-timeout'),
    grpcIdleTimeoutMs: parseDuration(flags['grpc-idle-timeout'], '--grpc-idle-timeout'),
    grpcMaxInFlightBytes: parseBytes(flags['grpc-max-in-flight-bytes'], '--grpc-max-in-flight-bytes'),
    shutdownDelayMs: parseDuration(flags['shutdown-delay'], '--shutdown-delay'),
    shutdownTimeoutMs: parseDuration(flags['shutdown-timeout'], '--shutdown-timeout'),
  }));
}
