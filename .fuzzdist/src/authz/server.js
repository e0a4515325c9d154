import { AdminServer } from './admin.js';
import { CHECK_PATH, checkHandler } from './check-service.js';
import { Decider } from './decide.js';
import { GrpcServer } from './grpc-server.js';
import { HEALTH_CHECK_PATH, healthHandler } from './health.js';
import { HttpAuthzServer } from './http-server.js';
import { Metrics } from './metrics.js';
import { PolicyFiles } from '../policies/file-source.js';
import { PolicyStore } from '../policies/store.js';
/** Default largest Check request message: well below the hooks' limit, above any body Envoy forwards by default. */
export const CHECK_MAX_RECEIVE_BYTES = 4 * 1024 * 1024;
export class KgateServer {
    options;
    store = new PolicyStore();
    metrics;
    grpc;
    http;
    admin;
    files;
    serviceNames = [];
    draining = false;
    constructor(options) {
        this.options = options;
        const { logger } = options;
        this.metrics = new Metrics(() => ({ policies: this.policyCounts(), ready: this.ready }));
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
            for (const [path, handler] of service.routes)
                this.serve(path, (request) => handler(request));
        }
        this.grpc.route(HEALTH_CHECK_PATH, healthHandler(() => this.ready, () => this.serviceNames), small);
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
    get ready() {
        return this.store.ready && !this.draining;
    }
    /** Opens every configured port; not ready until loadPolicies(). */
    async listen() {
        const { grpcAddress, httpAddress, adminAddress, logger } = this.options;
        const bound = {
            grpc: grpcAddress && (await this.grpc.listen(grpcAddress)),
            http: httpAddress && (await this.http.listen(httpAddress)),
            admin: adminAddress && (await this.admin.listen(adminAddress)),
        };
        for (const [server, address] of Object.entries(bound))
            if (address)
                logger.info({ server, address }, 'listening');
        return bound;
    }
    /** Loads the policy files (throws PolicyLoadError when one is invalid), starts watching them, and becomes ready. */
    async loadPolicies() {
        await this.files.load();
        this.files.watch();
        this.store.markReady();
        this.options.logger.info({ policies: this.policyCounts() }, 'ready');
    }
    /**
     * Drain: not ready at once, but still serving for `shutdownDelayMs`, the
     * time Kubernetes takes to remove the endpoint from Envoy's cluster (a
     * port closed earlier refuses what Envoy still sends); then no new
     * connections, calls in flight answered, and every port closed.
     */
    async close() {
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
    serve(path, handler, options) {
        this.grpc.route(path, handler, options);
        const service = path.split('/')[1];
        if (!this.serviceNames.includes(service))
            this.serviceNames.push(service);
    }
    policyCounts() {
        return Object.fromEntries(Object.entries(this.store.counts()).map(([kind, count]) => [kind, count.policies]));
    }
}
//# sourceMappingURL=server.js.map