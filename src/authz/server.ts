// `kgate serve` assembled: the gRPC port (Check, health, Envoy Gateway hooks),
// Envoy's HTTP protocol, the admin port, the policy store and its files.
// serve.ts and the tests build the server through this one function.
import type { Compilers } from '../engine/types.js';
import type { ListenAddress } from '../runtime/address.js';
import { logBacklog, type Logger } from '../runtime/logger.js';
import { AdminServer } from './admin.js';
import { CHECK_PATH, checkHandler } from './check-service.js';
import { Decider } from './decide.js';
import { GrpcServer, type RouteOptions, type UnaryHandler } from './grpc-server.js';
import { HEALTH_CHECK_PATH, healthHandler } from './health.js';
import { HttpAuthzServer } from './http-server.js';
import { Metrics } from './metrics.js';
import { PolicyFiles } from '../policies/file-source.js';
import { PolicyStore } from '../policies/store.js';

/** Default largest Check request message: well below the hooks' limit, above any body Envoy forwards by default. */
export const CHECK_MAX_RECEIVE_BYTES = 4 * 1024 * 1024;

/** More unary methods for the gRPC port, by path: request message bytes in, response message bytes out (throw GrpcError to fail). */
export interface GrpcService {
  readonly routes: ReadonlyMap<string, (request: Uint8Array) => Uint8Array | Promise<Uint8Array>>;
}

export interface KgateServerOptions {
  /** Undefined: that server is off. */
  readonly grpcAddress?: ListenAddress | undefined;
  readonly httpAddress?: ListenAddress | undefined;
  readonly adminAddress?: ListenAddress | undefined;
  readonly policyPaths: readonly string[];
  readonly compilers: Compilers;
  readonly logger: Logger;
  readonly decisionTimeoutMs: number;
  readonly decisionLog: boolean;
  /** Envoy's HTTP protocol: largest request body read. */
  readonly httpMaxBodyBytes: number;
  /** gRPC port: largest request message of the Envoy Gateway hooks (their payloads run to several MiB). */
  readonly grpcMaxReceiveBytes: number;
  /** gRPC port: largest Check (and health) request message; default CHECK_MAX_RECEIVE_BYTES. */
  readonly checkMaxReceiveBytes?: number | undefined;
  /** gRPC port: a request message must arrive within this (default 30 s)... */
  readonly grpcReceiveTimeoutMs?: number | undefined;
  /** ...with no silence longer than this (default 10 s); else the stream is reset. */
  readonly grpcIdleTimeoutMs?: number | undefined;
  /** gRPC port: request bytes buffered across all streams (default 256 MiB). */
  readonly grpcMaxInFlightBytes?: number | undefined;
  /** How long a drain waits for calls in flight before cutting connections. */
  readonly shutdownTimeoutMs: number;
  /** How long a drain keeps serving, not ready, before closing the ports (default 0). */
  readonly shutdownDelayMs?: number | undefined;
  readonly watchDebounceMs?: number | undefined;
  /** How long a policy file that had policies may be gone or empty before its policies are dropped. */
  readonly policyRemovalGraceMs?: number | undefined;
  /** More exposition lines for /metrics (the Kubernetes watch's). */
  readonly extraMetrics?: (() => readonly string[]) | undefined;
  /** More services on the gRPC port (the Envoy Gateway hooks), given the store they feed. */
  readonly services?: (store: PolicyStore) => readonly GrpcService[] | undefined;
}

export interface BoundAddresses {
  readonly grpc?: string | undefined;
  readonly http?: string | undefined;
  readonly admin?: string | undefined;
}

export class KgateServer {
  readonly store = new PolicyStore();
  readonly metrics: Metrics;
  private readonly grpc: GrpcServer;
  private readonly http: HttpAuthzServer;
  private readonly admin: AdminServer;
  private readonly files: PolicyFiles;
  private readonly serviceNames: string[] = [];
  private draining = false;

  constructor(private readonly options: KgateServerOptions) {
    const { logger } = options;
    const backlog = logBacklog(logger);
    this.metrics = new Metrics(
      () => ({
        policies: this.policyCounts(),
        ready: this.ready,
        ...(backlog ? { logPendingBytes: backlog.pendingBytes } : {}),
        grpcInFlightBytes: this.grpc.inFlightBytes,
      }),
      options.extraMetrics,
    );
    const decider = new Decider({ store: this.store, metrics: this.metrics, logger, timeoutMs: options.decisionTimeoutMs, decisionLog: options.decisionLog });
    this.grpc = new GrpcServer({
      logger,
      maxReceiveBytes: options.grpcMaxReceiveBytes,
      receiveTimeoutMs: options.grpcReceiveTimeoutMs,
      idleTimeoutMs: options.grpcIdleTimeoutMs,
      maxInFlightBytes: options.grpcMaxInFlightBytes,
    });
    // Check messages are small (a body only when the filter forwards one); the hooks' are not.
    const small = { maxReceiveBytes: options.checkMaxReceiveBytes ?? CHECK_MAX_RECEIVE_BYTES };
    this.serve(CHECK_PATH, checkHandler(decider, this.metrics), small);
    for (const service of options.services?.(this.store) ?? []) {
      for (const [path, handler] of service.routes) this.serve(path, (request) => handler(request));
    }
    this.grpc.route(
      HEALTH_CHECK_PATH,
      healthHandler(
        () => this.ready,
        () => this.serviceNames,
      ),
      small,
    );
    this.http = new HttpAuthzServer({ decider, metrics: this.metrics, logger, maxBodyBytes: options.httpMaxBodyBytes });
    this.admin = new AdminServer({ ready: () => this.ready, metrics: () => this.metrics.render() });
    this.files = new PolicyFiles({
      paths: options.policyPaths,
      compilers: options.compilers,
      store: this.store,
      logger,
      metrics: this.metrics,
      decisionTimeoutMs: options.decisionTimeoutMs,
      ...(options.watchDebounceMs === undefined ? {} : { debounceMs: options.watchDebounceMs }),
      ...(options.policyRemovalGraceMs === undefined ? {} : { removalGraceMs: options.policyRemovalGraceMs }),
    });
  }

  /** Initial load complete and not draining: what /readyz and gRPC health report. */
  get ready(): boolean {
    return this.store.ready && !this.draining;
  }

  /** Opens every configured port; not ready until loadPolicies(). */
  async listen(): Promise<BoundAddresses> {
    const { grpcAddress, httpAddress, adminAddress, logger } = this.options;
    const bound = {
      grpc: grpcAddress && (await this.grpc.listen(grpcAddress)),
      http: httpAddress && (await this.http.listen(httpAddress)),
      admin: adminAddress && (await this.admin.listen(adminAddress)),
    };
    for (const [server, address] of Object.entries(bound)) if (address) logger.info({ server, address }, 'listening');
    return bound;
  }

  /** Loads the policy files (throws PolicyLoadError when one is invalid), starts watching them, and becomes ready. */
  async loadPolicies(): Promise<void> {
    await this.files.load();
    this.files.watch();
    this.store.markReady();
    if (this.store.ready) this.options.logger.info({ policies: this.policyCounts() }, 'ready');
    else this.options.logger.info({ policies: this.policyCounts() }, 'policy files loaded; not ready until the Kubernetes API has been listed');
  }

  /**
   * Drain: not ready at once, but still serving for `shutdownDelayMs`, the
   * time Kubernetes takes to remove the endpoint from Envoy's cluster (a
   * port closed earlier refuses what Envoy still sends); then no new
   * connections, calls in flight answered, and every port closed.
   */
  async close(): Promise<void> {
    const serving = this.ready;
    this.draining = true;
    this.files.close();
    const { shutdownTimeoutMs, shutdownDelayMs = 0, logger } = this.options;
    if (serving && shutdownDelayMs > 0) {
      logger.info({ delayMs: shutdownDelayMs }, 'not ready; serving until endpoints are removed');
      await new Promise((resolve) => setTimeout(resolve, shutdownDelayMs));
    }
    logger.info('closing ports');
    await Promise.all([this.grpc.close(shutdownTimeoutMs), this.http.close(shutdownTimeoutMs)]);
    await this.admin.close();
  }

  private serve(path: string, handler: UnaryHandler, options?: RouteOptions): void {
    this.grpc.route(path, handler, options);
    const service = path.split('/')[1]!;
    if (!this.serviceNames.includes(service)) this.serviceNames.push(service);
  }

  private policyCounts(): Record<string, number> {
    // The kubernetes source is listed only where --kubernetes is on.
    return Object.fromEntries(
      Object.entries(this.store.counts())
        .filter(([kind]) => kind !== 'kubernetes' || this.store.fromKubernetes)
        .map(([kind, count]) => [kind, count.policies]),
    );
  }
}
