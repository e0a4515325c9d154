// The ext_authz filter kgate injects: one per HTTP connection manager, tagged
// with its scope so the authz server picks exactly the policies that apply.
import { create, createRegistry, toBinary, toJson } from '@bufbuild/protobuf';
import { anyPack, durationFromMs } from '@bufbuild/protobuf/wkt';
import { LISTENER_KEY, SECTIONS_KEY } from '../policies/scope.js';
import { HeaderValueSchema } from '../gen/envoy/config/core/v3/base_pb.js';
import { ApiVersion } from '../gen/envoy/config/core/v3/config_source_pb.js';
import { ExtAuthzSchema } from '../gen/envoy/extensions/filters/http/ext_authz/v3/ext_authz_pb.js';
import { HttpFilterSchema } from '../gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js';
import { headerValue, messages, rewrite, scanFields } from './wire.js';
/** Name of the injected filter: how a later run recognises (and replaces or removes) its own filter. */
export const KGATE_FILTER_NAME = 'kgate.ext_authz';
/** Envoy's jwt_authn filter writes verified claims under this metadata namespace. */
const JWT_METADATA_NAMESPACE = 'envoy.filters.http.jwt_authn';
const registry = createRegistry(ExtAuthzSchema);
// HttpFilter.typed_config, Any.value, ExtAuthz.grpc_service, GrpcService.initial_metadata.
const ENCODED_PATH = [4, 2, 1];
const INITIAL_METADATA = 5;
const byConfig = new WeakMap();
/** The filter builder for a configuration (one per configuration, so its templates are made once). */
export function kgateFilters(config) {
    let filters = byConfig.get(config);
    if (!filters) {
        filters = new KgateFilters(config);
        byConfig.set(config, filters);
    }
    return filters;
}
/**
 * Builds the kgate filter for each HCM. Creating an ExtAuthz message costs
 * more than encoding one, and a listener can have a thousand HCMs that
 * differ only in their scope tag: one message per failure/body variant is
 * created, and only the tag changes per HCM.
 */
class KgateFilters {
    config;
    templates = new Map();
    constructor(config) {
        this.config = config;
    }
    /**
     * The filter as an encoded HttpFilter: the variant's bytes with the scope
     * tags appended to its GrpcService (initial_metadata is its last field set),
     * so a thousand HCMs cost a few small copies each, not two encodings.
     */
    bytes(listener, plan) {
        const { encoded } = this.template(plan);
        const tags = this.tags(listener, plan).map((t) => [INITIAL_METADATA, headerValue(t.key, t.value)]);
        const grpc = encoded.at(-1);
        return encoded
            .slice(0, -1)
            .reduceRight((inner, level) => rewrite(level.bytes, level.fields, new Map([[level.via, [[level.via.no, inner]]]])), rewrite(grpc.bytes, grpc.fields, new Map(), tags));
    }
    /** The reference for `bytes`: the whole filter encoded by protobuf-es. */
    referenceBytes(listener, plan) {
        return toBinary(HttpFilterSchema, this.filled(listener, plan));
    }
    /** The filter as protobuf JSON (for `kgate inject`), `@type` first as Envoy Gateway prints it. */
    json(listener, plan) {
        const { typedConfig, ...filter } = toJson(HttpFilterSchema, this.filled(listener, plan), { registry });
        const { '@type': type, ...config } = typedConfig;
        return { ...filter, typedConfig: { '@type': type ?? null, ...config } };
    }
    filled(listener, plan) {
        const { filter, extAuthz, grpc } = this.template(plan);
        grpc.initialMetadata = this.tags(listener, plan).map((t) => create(HeaderValueSchema, t));
        if (filter.configType.case === 'typedConfig')
            filter.configType.value.value = toBinary(ExtAuthzSchema, extAuthz);
        return filter;
    }
    tags(listener, plan) {
        const tags = [{ key: LISTENER_KEY, value: listener }];
        if (plan.sections.length > 0)
            tags.push({ key: SECTIONS_KEY, value: plan.sections.join(',') });
        return tags;
    }
    template(plan) {
        const key = `${plan.failureModeAllow}/${plan.withBody}`;
        let template = this.templates.get(key);
        if (!template) {
            template = this.create(plan);
            this.templates.set(key, template);
        }
        return template;
    }
    create(plan) {
        const { config } = this;
        const extAuthz = create(ExtAuthzSchema, {
            services: {
                case: 'grpcService',
                value: {
                    targetSpecifier: { case: 'envoyGrpc', value: { clusterName: config.cluster } },
                    timeout: durationFromMs(config.timeoutMs),
                },
            },
            transportApiVersion: ApiVersion.V3,
            failureModeAllow: plan.failureModeAllow,
            statusOnError: { code: config.statusOnError },
            // Policies can then read claims jwt_authn verified (metadataContext.filterMetadata).
            metadataContextNamespaces: [JWT_METADATA_NAMESPACE],
            statPrefix: 'kgate',
            ...(plan.withBody ? { withRequestBody: { maxRequestBytes: config.maxRequestBytes, allowPartialMessage: true } } : {}),
        });
        const filter = create(HttpFilterSchema, {
            name: KGATE_FILTER_NAME,
            configType: { case: 'typedConfig', value: anyPack(ExtAuthzSchema, extAuthz) },
        });
        return { filter, extAuthz, grpc: extAuthz.services.value, encoded: encodeLevels(toBinary(HttpFilterSchema, filter)) };
    }
}
/** The untagged filter split along ENCODED_PATH (the template's initial_metadata is empty, so nothing is appended twice). */
function encodeLevels(filter) {
    const levels = [];
    let bytes = filter;
    for (const no of ENCODED_PATH) {
        const fields = scanFields(bytes, 'kgate filter');
        const via = messages(fields, no).at(-1);
        levels.push({ bytes, fields, via });
        bytes = via.payload;
    }
    levels.push({ bytes, fields: scanFields(bytes, 'kgate filter') });
    return levels;
}
//# sourceMappingURL=filter.js.map