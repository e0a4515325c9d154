// What a policy sees for one Check: the AttributeContext JSON as payload,
// plus derived bindings that are computed only when an expression reads them.
// `kgate check` builds its input here too, so both agree exactly.
import { Bindings } from '../engine/bindings.js';
import type { CheckScope } from '../policies/scope.js';
import type { Json } from '../engine/json.js';

export interface CheckInput {
  /** The protobuf JSON (lowerCamelCase) of the request's AttributeContext. */
  readonly attributes: unknown;
  readonly bindings: Bindings;
}

/** Query and form values by name; a repeated name keeps every value, in order. */
export type Params = Record<string, string[]>;

/**
 * The payload and the derived bindings `$path`, `$query`, `$segments`,
 * `$body`, `$rawBody`, `$truncated`, `$gateway`, `$listener`, `$route` (docs/operations.md, "Policy input").
 */
export function checkInput(attributes: unknown, scope: CheckScope | undefined): CheckInput {
  const http = field(field(attributes, 'request'), 'http');
  const fullPath = stringField(http, 'path');
  const bindings = Bindings.empty
    .withLazy('path', () => pathOf(fullPath))
    .withLazy('query', () => parseParams(queryOf(fullPath)))
    .withLazy('segments', () => segmentsOf(pathOf(fullPath)))
    .withLazy('body', () => parseBody(http))
    .withLazy('rawBody', () => bodyText(http) ?? null)
    .withLazy('truncated', () => truncated(http))
    .withLazy('gateway', () => gatewayOf(scope))
    .withLazy('listener', () => listenerOf(scope))
    .withLazy('route', () => routeOf(attributes, scope));
  return { attributes, bindings };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Json)[name] : undefined;
}

function stringField(value: unknown, name: string): string {
  const v = field(value, name);
  return typeof v === 'string' ? v : '';
}

function pathOf(path: string): string {
  const cut = path.search(/[?#]/);
  return cut === -1 ? path : path.slice(0, cut);
}

function queryOf(path: string): string {
  const start = path.indexOf('?');
  if (start === -1) return '';
  const hash = path.indexOf('#', start);
  return path.slice(start + 1, hash === -1 ? undefined : hash);
}

/** `a=1&b=2&a=3` → `{a: ['1', '3'], b: ['2']}` (form decoding: `+` is a space). */
function parseParams(text: string): Params {
  const params: Params = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(params, name)) params[name]!.push(value);
    else Object.defineProperty(params, name, { value: [value], enumerable: true, writable: true, configurable: true });
  }
  return params;
}

/** `/a//b%20c/` → `['a', 'b c']`: empty segments dropped, each percent-decoded when it decodes. */
function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/**
 * The request body parsed by its content type: JSON → the value, form
 * (`application/x-www-form-urlencoded`) → params like `$query`; anything
 * else, no body, or a body that does not parse → null.
 */
function parseBody(http: unknown): unknown {
  const text = bodyText(http);
  if (text === undefined) return null;
  const type = (field(field(http, 'headers'), 'content-type') ?? '') as string;
  const mediaType = type.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }
  if (mediaType === 'application/x-www-form-urlencoded') return parseParams(text);
  return null;
}

/** `body` as Envoy sends it (UTF-8), or `rawBody` (base64 in the JSON) decoded as UTF-8. */
function bodyText(http: unknown): string | undefined {
  const body = stringField(http, 'body');
  if (body) return body;
  const raw = stringField(http, 'rawBody');
  return raw ? Buffer.from(raw, 'base64').toString('utf8') : undefined;
}

/** Envoy sets this header on the Check when with_request_body cut the body (allow_partial_message). */
const PARTIAL_BODY_HEADER = 'x-envoy-auth-partial-body';

/**
 * Whether the body the policy sees is shorter than the request's: Envoy says so
 * (`x-envoy-auth-partial-body: true`), or the request's content-length is larger than
 * the body received.
 */
function truncated(http: unknown): boolean {
  const headers = field(http, 'headers');
  if (field(headers, PARTIAL_BODY_HEADER) === 'true') return true;
  const length = field(headers, 'content-length');
  if (typeof length !== 'string' || !/^\d+$/.test(length)) return false;
  const body = stringField(http, 'body');
  const received = body ? Buffer.byteLength(body, 'utf8') : Buffer.byteLength(stringField(http, 'rawBody'), 'base64');
  return Number(length) > received;
}

interface SectionRef {
  readonly namespace: string;
  readonly gateway: string;
  readonly listener: string;
}

function sectionRefs(scope: CheckScope): SectionRef[] {
  return scope.sections.flatMap((s) => {
    const [namespace, gateway, listener, ...rest] = s.split('/');
    return namespace && gateway && listener && rest.length === 0 ? [{ namespace, gateway, listener }] : [];
  });
}

/** `{namespace, name}` of the Gateway serving the request; null when untagged or the sections span several Gateways. */
function gatewayOf(scope: CheckScope | undefined): unknown {
  if (!scope) return null;
  const gateways = new Set(sectionRefs(scope).map((s) => `${s.namespace}/${s.gateway}`));
  if (gateways.size !== 1) return null;
  const [namespace, name] = [...gateways][0]!.split('/');
  return { namespace, name };
}

/** `{name: <xds listener>, sections: [{namespace, gateway, listener}...]}`; null when untagged. */
function listenerOf(scope: CheckScope | undefined): unknown {
  return scope ? { name: scope.listener ?? null, sections: sectionRefs(scope) } : null;
}

/** Envoy Gateway's metadata namespace on every route it generates (`resources`: the route object). */
export const EG_METADATA_NAMESPACE = 'envoy-gateway';

/**
 * The route serving the request, from the route metadata Envoy Gateway stamps and the
 * filter forwards (`route_metadata_context_namespaces: [envoy-gateway]`):
 * `{kind, namespace, name, sectionName, annotations}`. EG copies only the annotations
 * prefixed `gateway.envoyproxy.io/`, with the prefix removed. Without that metadata, the
 * route the Check's scope names (the route hook's context extensions, `kgate check
 * --route`); null when neither says.
 */
function routeOf(attributes: unknown, scope: CheckScope | undefined): unknown {
  const resources = field(field(field(field(attributes, 'routeMetadataContext'), 'filterMetadata'), EG_METADATA_NAMESPACE), 'resources');
  const resource = Array.isArray(resources) ? (resources[0] as unknown) : undefined;
  if (typeof resource === 'object' && resource !== null) {
    const annotations = field(resource, 'annotations');
    const sectionName = field(resource, 'sectionName');
    return {
      kind: stringField(resource, 'kind'),
      namespace: stringField(resource, 'namespace'),
      name: stringField(resource, 'name'),
      sectionName: typeof sectionName === 'string' && sectionName !== '' ? sectionName : null,
      annotations: typeof annotations === 'object' && annotations !== null && !Array.isArray(annotations) ? annotations : {},
    };
  }
  const identity = scope?.route?.identity;
  if (!identity) return null;
  return { kind: identity.kind, namespace: identity.namespace, name: identity.name, sectionName: identity.rule ?? null, annotations: {} };
}
