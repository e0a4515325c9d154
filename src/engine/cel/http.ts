// Kyverno Authz's `http` CEL library and the `object` of its HTTP mode
// (`spec.evaluation.mode: HTTP`): the request as Kyverno Authz's plain-HTTP
// authorization server reads it from Go's net/http (`http.CheckRequest`):
// `object.attributes.{method, header, host, protocol, contentLength, body,
// scheme, path, query, fragment}`, `header` and `query` maps of lists,
// `Header(name)` (case-insensitive, Go's canonical MIME keys) and
// `QueryParam(name)`; answers built with `http.Allowed()` /
// `http.Denied(reason)` and `.Response()`.
import type { Environment } from '@marcbachmann/cel-js';
import { namespace, register } from './registry.js';

type Json = Record<string, unknown>;
type Values = Record<string, string[]>;

/** `http.CheckRequestAttributes`. Field names as the policies read them. */
export class HttpAttributes {
  constructor(
    readonly method: string,
    readonly header: Values,
    readonly host: string,
    readonly protocol: string,
    readonly contentLength: bigint,
    readonly body: Uint8Array,
    readonly scheme: string,
    readonly path: string,
    readonly query: Values,
    readonly fragment: string,
  ) {}
}

export class HttpOk {}

export class HttpDenied {
  constructor(readonly reason: string) {}
}

/** `http.CheckResponse`: exactly one of `ok` and `denied`. */
export class HttpCheckResponse {
  constructor(readonly answer: HttpOk | HttpDenied) {}

  get allowed(): boolean {
    return this.answer instanceof HttpOk;
  }
}

/** Go's textproto.CanonicalMIMEHeaderKey: `x-forwarded-for` → `X-Forwarded-For`; a key with other than token characters stays as it is. */
export function canonicalHeaderKey(key: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key)) return key;
  return key.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** Go's url.ParseQuery: `a=1&a=2&b` → {a: [1, 2], b: [""]}; `+` is a space; a pair that does not decode is dropped. */
export function parseGoQuery(query: string): Values {
  const out: Values = {};
  for (const pair of query.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const at = pair.indexOf('=');
    const [k, v] = at === -1 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    try {
      const key = decodeURIComponent(k.replaceAll('+', ' '));
      const value = decodeURIComponent(v.replaceAll('+', ' '));
      (out[key] ??= []).push(value);
    } catch {
      // url.ParseQuery skips (and reports) a pair with a bad escape
    }
  }
  return out;
}

const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const bytes = (text: string, base64: string): Uint8Array =>
  base64 ? new Uint8Array(Buffer.from(base64, 'base64')) : new Uint8Array(Buffer.from(text, 'utf8'));

/**
 * The HTTP mode `object` of a Check that came over kgate's plain-HTTP port, from
 * its AttributeContext JSON: what Kyverno Authz's server reads from the same
 * request (the path percent-decoded without the query, repeated headers as one
 * comma-joined value, no pseudo-headers, `scheme` empty as in a Go server request).
 */
export function httpCheckRequestObject(attributes: unknown): Json {
  const http = obj(obj(obj(attributes).request).http);
  const headers = obj(http.headers) as Record<string, string>;
  const header: Values = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':') || name === 'host') continue;
    (header[canonicalHeaderKey(name)] ??= []).push(String(value));
  }
  const full = str(http.path) || str(headers[':path']) || '/';
  const at = full.search(/[?#]/);
  const rawPath = at === -1 ? full : full.slice(0, at);
  const rest = at === -1 ? '' : full.slice(at);
  const query = rest.startsWith('?') ? rest.slice(1).split('#')[0]! : '';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = rawPath;
  }
  const body = bytes(str(http.body), str(http.rawBody));
  return {
    attributes: new HttpAttributes(
      str(http.method),
      header,
      str(http.host) || str(headers[':authority']),
      str(http.protocol) || 'HTTP/1.1',
      BigInt(body.length),
      body,
      '',
      path,
      parseGoQuery(query),
      '',
    ),
    mcp: { request: {} },
  };
}

/** The HTTP mode `object` of a Kyverno CLI `httpPayloads` file (Go's JSON of http.CheckRequest: `body` base64). */
export function httpCheckRequestFromJson(json: unknown): Json {
  const a = obj(obj(json).attributes);
  const values = (v: unknown): Values =>
    Object.fromEntries(Object.entries(obj(v)).map(([k, list]) => [k, Array.isArray(list) ? list.map(String) : [String(list)]]));
  const body = typeof a.body === 'string' ? new Uint8Array(Buffer.from(a.body, 'base64')) : new Uint8Array();
  const length = typeof a.contentLength === 'number' ? BigInt(Math.trunc(a.contentLength)) : BigInt(body.length);
  return {
    attributes: new HttpAttributes(
      str(a.method),
      values(a.header),
      str(a.host),
      str(a.protocol),
      length,
      body,
      str(a.scheme),
      str(a.path),
      values(a.query),
      str(a.fragment),
    ),
    mcp: { request: {} },
  };
}

/** Registers the library; the builders are typed so a missing `.Response()` is refused at load. */
export function registerHttp(env: Environment): void {
  env.registerType('HttpCheckRequestAttributes', {
    ctor: HttpAttributes,
    fields: {
      method: 'string',
      header: 'map<string, list<string>>',
      host: 'string',
      protocol: 'string',
      contentLength: 'int',
      body: 'bytes',
      scheme: 'string',
      path: 'string',
      query: 'map<string, list<string>>',
      fragment: 'string',
    },
  } as never);
  env.registerType('HttpCheckResponseOk', HttpOk);
  env.registerType('HttpCheckResponseDenied', HttpDenied);
  env.registerType('HttpCheckResponse', HttpCheckResponse);
  const ns = namespace(env, 'http');
  register(env, ns, 'Allowed', [], () => new HttpOk(), 'HttpCheckResponseOk');
  register(env, ns, 'Denied', ['string'], (reason: string) => new HttpDenied(reason), 'HttpCheckResponseDenied');
  register(env, 'HttpCheckResponseOk', 'Response', [], (ok: HttpOk) => new HttpCheckResponse(ok));
  register(env, 'HttpCheckResponseDenied', 'Response', [], (denied: HttpDenied) => new HttpCheckResponse(denied));
  register(
    env,
    'HttpCheckRequestAttributes',
    'Header',
    ['string'],
    (a: HttpAttributes, key: string) => a.header[canonicalHeaderKey(key)] ?? [],
    'list<string>',
  );
  register(env, 'HttpCheckRequestAttributes', 'QueryParam', ['string'], (a: HttpAttributes, key: string) => a.query[key] ?? [], 'list<string>');
}
