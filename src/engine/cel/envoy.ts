// Kyverno Authz's `envoy` CEL library: builders for an Envoy CheckResponse.
// Values are immutable (every builder returns a new value) and hold the
// response as protobuf JSON, field for field what Kyverno Authz sends.
import type { Environment } from '@marcbachmann/cel-js';
import { namespace, plainValue, register } from './registry.js';

export interface HeaderOption {
  readonly header: { readonly key: string; readonly value: string };
  readonly keepEmptyValue?: boolean;
}

export interface QueryParameter {
  readonly key: string;
  readonly value: string;
}

export class OkHttpResponse {
  constructor(
    readonly headers: readonly HeaderOption[] = [],
    readonly headersToRemove: readonly string[] = [],
    readonly responseHeadersToAdd: readonly HeaderOption[] = [],
    readonly queryParametersToSet: readonly QueryParameter[] = [],
    readonly queryParametersToRemove: readonly string[] = [],
  ) {}

  with(
    change: Partial<Pick<OkHttpResponse, 'headers' | 'headersToRemove' | 'responseHeadersToAdd' | 'queryParametersToSet' | 'queryParametersToRemove'>>,
  ): OkHttpResponse {
    const next = { ...this, ...change };
    return new OkHttpResponse(next.headers, next.headersToRemove, next.responseHeadersToAdd, next.queryParametersToSet, next.queryParametersToRemove);
  }
}

export class DeniedHttpResponse {
  constructor(
    readonly code: number,
    readonly headers: readonly HeaderOption[] = [],
    readonly body = '',
  ) {}
}

export class CheckResponse {
  constructor(
    readonly http: OkHttpResponse | DeniedHttpResponse,
    readonly message = '',
    readonly metadata?: Readonly<Record<string, unknown>>,
  ) {}

  get allowed(): boolean {
    return this.http instanceof OkHttpResponse;
  }

  /** The CheckResponse as protobuf JSON (lowerCamelCase), as Kyverno Authz builds it. */
  toJson(): Record<string, unknown> {
    const code = this.allowed ? 0 : 7;
    const status: Record<string, unknown> = code === 0 ? {} : { code };
    if (this.message) status.message = this.message;
    const json: Record<string, unknown> = { status };
    if (this.http instanceof OkHttpResponse) json.okResponse = okJson(this.http);
    else json.deniedResponse = deniedJson(this.http);
    if (this.metadata) json.dynamicMetadata = this.metadata;
    return json;
  }
}

function okJson(ok: OkHttpResponse): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (ok.headers.length) json.headers = ok.headers.map(optionJson);
  if (ok.headersToRemove.length) json.headersToRemove = ok.headersToRemove;
  if (ok.responseHeadersToAdd.length) json.responseHeadersToAdd = ok.responseHeadersToAdd.map(optionJson);
  if (ok.queryParametersToSet.length) json.queryParametersToSet = ok.queryParametersToSet;
  if (ok.queryParametersToRemove.length) json.queryParametersToRemove = ok.queryParametersToRemove;
  return json;
}

function deniedJson(denied: DeniedHttpResponse): Record<string, unknown> {
  const json: Record<string, unknown> = { status: denied.code === 0 ? {} : { code: denied.code } };
  if (denied.headers.length) json.headers = denied.headers.map(optionJson);
  if (denied.body) json.body = denied.body;
  return json;
}

function optionJson(option: HeaderOption): Record<string, unknown> {
  return option.keepEmptyValue ? { header: option.header, keepEmptyValue: true } : { header: option.header };
}

const header = (key: string, value: string): HeaderOption => ({ header: { key, value } });

const NAMESPACE_RETURNS: Readonly<Record<string, string>> = {
  Allowed: 'OkHttpResponse',
  Denied: 'DeniedHttpResponse',
  Header: 'HeaderOption',
  QueryParam: 'QueryParam',
};

/**
 * The builders are typed (a builder returns its receiver's type), so a
 * validation that forgets `.Response()` has the type OkHttpResponse or
 * DeniedHttpResponse and is refused at load, as Kyverno Authz's type check
 * refuses it. `Response()`, `WithMessage` and `WithMetadata` return `dyn`:
 * cel-js does not let `null` join an object type in a ternary
 * (`cond ? envoy.Denied(403).Response() : null`), which every Kyverno Authz
 * policy writes.
 */
function builder(env: Environment, receiver: string, name: string, params: readonly string[], handler: (...args: never[]) => unknown): void {
  const returns = name === 'Response' || receiver === 'CheckResponse' ? 'dyn' : receiver.endsWith('_Namespace') ? NAMESPACE_RETURNS[name]! : receiver;
  register(env, receiver, name, params, handler, returns);
}

/** Registers the library. */
export function registerEnvoy(env: Environment): void {
  env.registerType('OkHttpResponse', OkHttpResponse);
  env.registerType('DeniedHttpResponse', DeniedHttpResponse);
  env.registerType('CheckResponse', CheckResponse);
  env.registerType('HeaderOption', HeaderBox);
  env.registerType('QueryParam', QueryParam);
  const ns = namespace(env, 'envoy');
  builder(env, ns, 'Allowed', [], () => new OkHttpResponse());
  builder(env, ns, 'Denied', ['int'], (code: bigint) => new DeniedHttpResponse(Number(code)));
  builder(env, ns, 'Header', ['string', 'string'], (key: string, value: string) => wrapHeader(header(key, value)));
  builder(env, ns, 'QueryParam', ['string', 'string'], (key: string, value: string) => new QueryParam(key, value));
  builder(env, 'DeniedHttpResponse', 'WithBody', ['string'], (d: DeniedHttpResponse, body: string) => new DeniedHttpResponse(d.code, d.headers, body));
  builder(env, 'OkHttpResponse', 'WithHeader', ['string', 'string'], (o: OkHttpResponse, k: string, v: string) =>
    o.with({ headers: [...o.headers, header(k, v)] }),
  );
  builder(env, 'OkHttpResponse', 'WithHeader', ['HeaderOption'], (o: OkHttpResponse, h: HeaderBox) => o.with({ headers: [...o.headers, h.option] }));
  register(
    env,
    'DeniedHttpResponse',
    'WithHeader',
    ['string', 'string'],
    (d: DeniedHttpResponse, k: string, v: string) => new DeniedHttpResponse(d.code, [...d.headers, header(k, v)], d.body),
  );
  register(
    env,
    'DeniedHttpResponse',
    'WithHeader',
    ['HeaderOption'],
    (d: DeniedHttpResponse, h: HeaderBox) => new DeniedHttpResponse(d.code, [...d.headers, h.option], d.body),
  );
  builder(env, 'OkHttpResponse', 'WithoutHeader', ['string'], (o: OkHttpResponse, name: string) => o.with({ headersToRemove: [...o.headersToRemove, name] }));
  builder(env, 'OkHttpResponse', 'WithResponseHeader', ['string', 'string'], (o: OkHttpResponse, k: string, v: string) =>
    o.with({ responseHeadersToAdd: [...o.responseHeadersToAdd, header(k, v)] }),
  );
  builder(env, 'OkHttpResponse', 'WithResponseHeader', ['HeaderOption'], (o: OkHttpResponse, h: HeaderBox) =>
    o.with({ responseHeadersToAdd: [...o.responseHeadersToAdd, h.option] }),
  );
  builder(env, 'OkHttpResponse', 'WithQueryParam', ['string', 'string'], (o: OkHttpResponse, k: string, v: string) =>
    o.with({ queryParametersToSet: [...o.queryParametersToSet, { key: k, value: v }] }),
  );
  builder(env, 'OkHttpResponse', 'WithQueryParam', ['QueryParam'], (o: OkHttpResponse, q: QueryParam) =>
    o.with({ queryParametersToSet: [...o.queryParametersToSet, { key: q.key, value: q.value }] }),
  );
  builder(env, 'OkHttpResponse', 'WithoutQueryParam', ['string'], (o: OkHttpResponse, name: string) =>
    o.with({ queryParametersToRemove: [...o.queryParametersToRemove, name] }),
  );
  builder(env, 'HeaderOption', 'KeepEmptyValue', [], (h: HeaderBox) => wrapHeader({ ...h.option, keepEmptyValue: true }));
  builder(env, 'HeaderOption', 'KeepEmptyValue', ['bool'], (h: HeaderBox, keep: boolean) =>
    wrapHeader({ header: h.option.header, ...(keep ? { keepEmptyValue: true } : {}) }),
  );
  builder(env, 'OkHttpResponse', 'Response', [], (o: OkHttpResponse) => new CheckResponse(o));
  builder(env, 'DeniedHttpResponse', 'Response', [], (d: DeniedHttpResponse) => new CheckResponse(d));
  builder(env, 'CheckResponse', 'WithMessage', ['string'], (r: CheckResponse, message: string) => new CheckResponse(r.http, message, r.metadata));
  register(
    env,
    'CheckResponse',
    'WithMetadata',
    ['map'],
    (r: CheckResponse, metadata: unknown) => new CheckResponse(r.http, r.message, plainValue(metadata) as Record<string, unknown>),
  );
}

/** envoy.Header(...) values: a class of their own so that overloads tell them apart. */
export class HeaderBox {
  constructor(readonly option: HeaderOption) {}
}
const wrapHeader = (option: HeaderOption) => new HeaderBox(option);

export class QueryParam {
  constructor(
    readonly key: string,
    readonly value: string,
  ) {}
}
