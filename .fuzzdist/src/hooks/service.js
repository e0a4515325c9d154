import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { GrpcCode, GrpcError } from '../engine/grpc-code.js';
import { errorText } from '../engine/types.js';
import { EnvoyGatewayExtension } from '../gen/envoygateway/extension/service_pb.js';
import { kgateCluster, translateResponse } from './cluster.js';
import { PolicyIntake } from './intake.js';
import { injectListenerWire, scanListener } from './listener-wire.js';
import { DecodeError, messages, scanFields } from './wire.js';
/**
 * Receive limit for this service's methods on kgate's gRPC port: a listener with
 * 1,000 HTTPS filter chains is about 0.8 MB once filtered, and
 * PostTranslateModify carries every cluster. EG's own limit is
 * `extensionManager.maxMessageSize` (4 MiB by default); the examples raise it
 * to the same figure.
 */
export const HOOK_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
// PostHTTPListenerModifyRequest, PostHTTPListenerExtensionContext, ExtensionResource.
const LISTENER_REQUEST = { listener: 1, context: 2 };
const CONTEXT = { extensionResources: 1 };
const RESOURCE = { unstructuredBytes: 1 };
const LISTENER_RESPONSE = { listener: 1 };
/** An empty reply: every field unset, which EG reads as "unchanged". */
const NO_CHANGE = new Uint8Array(0);
export function createExtensionService(deps) {
    const logger = deps.logger.child({ component: 'eg-extension' });
    const intake = new PolicyIntake(deps.compilers, logger);
    restore(intake, deps, logger);
    const cluster = kgateCluster(deps.config);
    const handlers = {
        PostHTTPListenerModify: (request) => modifyListener(request, intake, deps, logger),
        PostTranslateModify: (request) => translateResponse(request, cluster, deps.config.cluster),
    };
    // Route, virtual host, cluster and endpoints hooks change nothing: EG keeps its resource when the reply leaves it unset.
    const routes = new Map(EnvoyGatewayExtension.methods.map((method) => [
        `/${EnvoyGatewayExtension.typeName}/${method.name}`,
        unary(method.name, handlers[method.name] ?? (() => NO_CHANGE), logger),
    ]));
    return { routes };
}
function modifyListener(request, intake, deps, logger) {
    const fields = scanFields(request, 'PostHTTPListenerModifyRequest');
    const listener = messages(fields, LISTENER_REQUEST.listener).at(-1);
    if (!listener)
        return NO_CHANGE;
    const resources = extensionResources(fields);
    const scanned = scanListener(listener.payload);
    const { policies, bytes: inForce } = intake.readInForce(resources, scanned.name);
    const change = injectListenerWire(scanned, policies, deps.config);
    // Only once the listener is settled: on error EG keeps its previous snapshot, and the store keeps matching it.
    deps.store.replaceListener(change.name, policies);
    deps.state?.save(change.name, inForce);
    const summary = { listener: change.name, policies: policies.map((p) => p.id), filteredHcms: change.filtered.length, changed: change.listener !== undefined };
    logger.info(summary, 'PostHTTPListenerModify');
    if (logger.isLevelEnabled('debug'))
        logger.debug({ ...summary, filtered: change.filtered.map((f) => ({ chain: f.chain, sections: f.plan.sections })) }, 'PostHTTPListenerModify scopes');
    return change.listener ? new BinaryWriter().tag(LISTENER_RESPONSE.listener, WireType.LengthDelimited).bytes(change.listener).finish() : NO_CHANGE;
}
/** The policies of the previous run, until EG's next call for each listener replaces them. */
function restore(intake, deps, logger) {
    for (const [listener, resources] of deps.state?.load() ?? []) {
        const policies = intake.read(resources, listener);
        deps.store.replaceListener(listener, policies);
        logger.info({ listener, policies: policies.map((p) => p.id) }, 'restored from the hook state file');
    }
}
function extensionResources(request) {
    return messages(request, LISTENER_REQUEST.context).flatMap((context) => messages(scanFields(context.payload, 'post_listener_context'), CONTEXT.extensionResources).map((r, i) => messages(scanFields(r.payload, `extension_resources[${i}]`), RESOURCE.unstructuredBytes).at(-1)?.payload ?? new Uint8Array(0)));
}
function unary(method, handle, logger) {
    return (request) => {
        try {
            return handle(request);
        }
        catch (error) {
            const invalid = error instanceof DecodeError;
            logger.error({ method, err: error }, `${method} failed`);
            throw new GrpcError(invalid ? GrpcCode.INVALID_ARGUMENT : GrpcCode.INTERNAL, `${method}: ${errorText(error)}`);
        }
    };
}
//# sourceMappingURL=service.js.map