// The ext_authz filter kgate injects: one per HTTP connection manager, tagged
// with its scope so the authz server picks exactly the policies that apply.
import { create, createRegistry, toBinary, toJson, type JsonObject } from '@bufbuild/protobuf';
import { anyPack, durationFromMs } from '@bufbuild/protobuf/wkt';
import { LISTENER_KEY, SECTIONS_KEY } from '../policies/scope.js';
import { HeaderValueSchema } from '../gen/envoy/config/core/v3/base_pb.js';
import { ApiVersion } from '../gen/envoy/config/core/v3/config_source_pb.js';
import type { GrpcService } from '../gen/envoy/config/core/v3/grpc_service_pb.js';
import { ExtAuthzSchema, type ExtAuthz } from '../gen/envoy/extensions/filters/http/ext_authz/v3/ext_authz_pb.js';
import { HttpFilterSchema, type HttpFilter } from '../gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js';
import type { HookConfig } from './config.js';
import type { FilterPlan } from './plan.js';
import { headerValue, messages, rewrite, scanFields, type WireField } from './wire.js';

/** Name of the injected filter: how a later run recognises (and replaces or removes) its own filter. */
export const KGATE_FILTER_NAME = 'kgate.ext_authz';

/** Envoy's jwt_authn filter writes verified claims under this metadata namespace. */
const JWT_METADATA_NAMESPACE = 'envoy.filters.http.jwt_authn';
/** Envoy Gateway stamps each route with its HTTPRoute/GRPCRoute here: the `$route` binding. */
const EG_ROUTE_METADATA_NAMESPACE = 'envoy-gateway';

const registry = createRegistry(ExtAuthzSchema);

interface Template {
  readonly filter: HttpFilter;
  readonly extAuthz: ExtAuthz;
  readonly grpc: GrpcService;
  /** The encoded filter without scope tags, from the HttpFilter down to its GrpcService. */
  readonly encoded: readonly EncodedLevel[];
}

interface EncodedLevel {
  readonly bytes: Uint8Array;
  readonly fields: readonly WireField[];
  /** The field leading one level down (none on the GrpcService). */
  readonly via?: WireField;
}

// HttpFilter.typed_config, Any.value, ExtAuthz.grpc_service, GrpcService.initial_metadata.
const ENCODED_PATH = [4, 2, 1] as const;
const INITIAL_METADATA = 5;

const byConfig = new WeakMap<HookConfig, KgateFilters>();

/** The filter builder for a configuration (one per configuration, so its templates are made once). */
export function kgateFilters(config: HookConfig): KgateFilters {
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
  private readonly templates = new Map<string, Template>();

  constructor(private readonly config: HookConfig) {}

  /**
   * The filter as an encoded HttpFilter: the variant's bytes with the scope
   * tags appended to its GrpcService (initial_metadata is its last field set),
   * so a thousand HCMs cost a few small copies each, not two encodings.
   */
  bytes(listener: string, plan: FilterPlan): Uint8Array {
    const { encoded } = this.template(plan);
    const tags = this.tags(listener, plan).map((t) => [INITIAL_METADATA, headerValue(t.key, t.value)] as const);
    const grpc = encoded.at(-1)!;
    return encoded
      .slice(0, -1)
      .reduceRight(
        (inner, level) => rewrite(level.bytes, level.fields, new Map([[level.via!, [[level.via!.no, inner]]]])),
        rewrite(grpc.bytes, grpc.fields, new Map(), tags),
      );
  }

  /** The reference for `bytes`: the whole filter encoded by protobuf-es. */
  referenceBytes(listener: string, plan: FilterPlan): Uint8Array {
    return toBinary(HttpFilterSchema, this.filled(listener, plan));
  }

  /** The filter as protobuf JSON (for `kgate inject`), `@type` first as Envoy Gateway prints it. */
  json(listener: string, plan: FilterPlan): JsonObject {
    const { typedConfig, ...filter } = toJson(HttpFilterSchema, this.filled(listener, plan), { registry }) as JsonObject;
    const { '@type': type, ...config } = typedConfig as JsonObject;
    return { ...filter, typedConfig: { '@type': type ?? null, ...config } };
  }

  private filled(listener: string, plan: FilterPlan): HttpFilter {
    const { filter, extAuthz, grpc } = this.template(plan);
    grpc.initialMetadata = this.tags(listener, plan).map((t) => create(HeaderValueSchema, t));
    if (filter.configType.case === 'typedConfig') filter.configType.value.value = toBinary(ExtAuthzSchema, extAuthz);
    return filter;
  }

  private tags(listener: string, plan: FilterPlan): { key: string; value: string }[] {
    const tags = [{ key: LISTENER_KEY, value: listener }];
    if (plan.sections.length > 0) tags.push({ key: SECTIONS_KEY, value: plan.sections.join(',') });
    return tags;
  }

  private template(plan: FilterPlan): Template {
    const key = `${plan.failureModeAllow}/${plan.withBody}/${plan.maxBodyBytes}/${plan.defaultBodyLimit === true}/${plan.allowPartialBody}/${plan.disabled === true}`;
    let template = this.templates.get(key);
    if (!template) {
      template = this.create(plan);
      this.templates.set(key, template);
    }
    return template;
  }

  private create(plan: FilterPlan): Template {
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
      // The route's Gateway API identity and annotations, for `$route`.
      routeMetadataContextNamespaces: [EG_ROUTE_METADATA_NAMESPACE],
      ...(plan.withBody ? { withRequestBody: { maxRequestBytes: bodyLimit(plan, config), allowPartialMessage: plan.allowPartialBody ?? true } } : {}),
    });
    const filter = create(HttpFilterSchema, {
      name: KGATE_FILTER_NAME,
      configType: { case: 'typedConfig', value: anyPack(ExtAuthzSchema, extAuthz) },
      // Disabled in the HCM: enabled per route by the route hook's typed_per_filter_config.
      disabled: plan.disabled === true,
    });
    return { filter, extAuthz, grpc: extAuthz.services.value as GrpcService, encoded: encodeLevels(toBinary(HttpFilterSchema, filter)) };
  }
}

/** The untagged filter split along ENCODED_PATH (the template's initial_metadata is empty, so nothing is appended twice). */
function encodeLevels(filter: Uint8Array): EncodedLevel[] {
  const levels: EncodedLevel[] = [];
  let bytes = filter;
  for (const no of ENCODED_PATH) {
    const fields = scanFields(bytes, 'kgate filter');
    const via = messages(fields, no).at(-1)!;
    levels.push({ bytes, fields, via });
    bytes = via.payload;
  }
  levels.push({ bytes, fields: scanFields(bytes, 'kgate filter') });
  return levels;
}

/** The largest body limit a reader in scope asks for (`--ext-authz-max-body-bytes` for one that sets none). */
function bodyLimit(plan: FilterPlan, config: HookConfig): number {
  if (plan.maxBodyBytes === undefined) return config.maxRequestBytes;
  return plan.defaultBodyLimit ? Math.max(plan.maxBodyBytes, config.maxRequestBytes) : plan.maxBodyBytes;
}
