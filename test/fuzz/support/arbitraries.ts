// fast-check generators of hostile input for every kgate entry point:
// CheckRequest bytes, HTTP ext_authz requests, policy texts, hook payloads.
// Sizes are parameters: the npm test slice keeps them small, `npm run fuzz`
// raises them (see test/fuzz/run.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { exampleRequest } from '../../../bench/authz/requests.js';
import { CheckRequestSchema } from '../../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { ADMIN_TOKEN, envoyCheck, GUEST_TOKEN, ROOT } from '../../authz/support/server.js';
import { policyObject } from '../../hooks/support/harness.js';

export interface Sizes {
  /** Deepest nesting of a generated policy document. */
  readonly depth: number;
  /** Most keys or items of one generated object or array. */
  readonly width: number;
  /** Longest generated string literal. */
  readonly literal: number;
  /** Most alias levels of a YAML alias bomb (each level doubles the expansion). */
  readonly aliasLevels: number;
  /** Whether texts may hold YAML aliases (unresolved ones and alias bombs included). */
  readonly aliases: boolean;
  /** Whether HTTP ext_authz requests may use CONNECT (once dropped unanswered by kgate's HTTP port, issue 8). */
  readonly connect: boolean;
}

export const SLICE_SIZES: Sizes = { depth: 1000, width: 1000, literal: 2000, aliasLevels: 12, aliases: true, connect: true };

const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

/** `base` as given, truncated, with bytes overwritten, or with bytes inserted. */
export function mutatedBytes(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.constant(base),
    fc.nat({ max: base.length }).map((n) => base.slice(0, n)),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
      const bytes = Uint8Array.from(base);
      for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
      return bytes;
    }),
    fc
      .tuple(fc.nat({ max: base.length }), fc.uint8Array({ minLength: 1, maxLength: 64 }))
      .map(([at, inserted]) => concat(base.slice(0, at), inserted, base.slice(at))),
  );
}

const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/);
/** Header values an HTTP client can send: visible ASCII and spaces, no CR/LF. */
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 });
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'BREW'];
const method = fc.constantFrom(...METHODS, 'CONNECT');
const token = fc.option(
  fc.oneof(
    fc.constantFrom(ADMIN_TOKEN, GUEST_TOKEN),
    fc.string({ maxLength: 300 }),
    fc.nat({ max: ADMIN_TOKEN.length }).map((n) => ADMIN_TOKEN.slice(0, n)),
  ),
  { nil: undefined },
);
const path = fc.oneof(
  fc.constantFrom('/book', '/books/1', '/'),
  fc.webPath(),
  fc.string({ maxLength: 300 }).map((s) => `/${s}`),
);

/** A CheckRequest Envoy could send: a books example, or random method, path, token, headers and body. */
export const validCheck = fc.oneof(
  fc
    .constantFrom('admin-get', 'admin-post', 'guest-get', 'guest-post', 'bad-signature', 'missing-header')
    .map((name) => toBinary(CheckRequestSchema, exampleRequest(ROOT, name))),
  fc
    .tuple(method, path, token, fc.dictionary(headerName, headerValue, { maxKeys: 20 }), fc.option(fc.string({ maxLength: 2000 }), { nil: undefined }))
    .map(([m, p, t, headers, body]) => toBinary(CheckRequestSchema, create(CheckRequestSchema, envoyCheck(m, p, t, headers, body)))),
);

/** Valid, truncated, byte-mutated or random CheckRequest bytes. */
export const checkBytes: fc.Arbitrary<Uint8Array> = fc.oneof(validCheck, validCheck.chain(mutatedBytes), fc.uint8Array({ maxLength: 512 }));

export interface HttpCase {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** A request in Envoy's plain-HTTP ext_authz protocol (what a client library can put on the wire). */
export const httpCase = (sizes: Sizes): fc.Arbitrary<HttpCase> =>
  fc
    .tuple(
      sizes.connect ? method : fc.constantFrom(...METHODS),
      fc.oneof(fc.constantFrom('/book', '/'), fc.webPath()),
      token,
      fc.dictionary(headerName, headerValue, { maxKeys: 20 }),
      fc.option(fc.string({ maxLength: 2000 }), { nil: undefined }),
    )
    .map(([m, p, t, headers, body]) => ({
      method: m,
      path: p.startsWith('/') ? p : `/${p}`,
      headers: { ...headers, ...(t === undefined ? {} : { authorization: `Bearer ${t.replace(/[^\x20-\x7e]/g, '')}` }) },
      ...(body === undefined || m === 'GET' || m === 'HEAD' ? {} : { body }),
    }));

/** The example policy files of the repository, as text. */
export const EXAMPLE_POLICIES = [
  'examples/books/kgate/policy.yaml',
  'examples/books/kyverno-envoy-plugin/policy.yaml',
  'examples/kyverno-authz/policy.yaml',
  'examples/kyverno-authz/books/policy.yaml',
  'examples/envoy-gateway/policy.yaml',
].map((file) => readFileSync(join(ROOT, file), 'utf8'));

const YAML_NOISE = [':', '-', '[', ']', '{', '}', '!!', '|', '>', "'", '"', '#', '\n', '  ', '\t', '%', '@', '`', '\u0000', '\uFEFF'];
const ALIAS_NOISE = ['&a', '*a', '*!'];
const noise = (sizes: Sizes) => fc.constantFrom(...YAML_NOISE, ...(sizes.aliases ? ALIAS_NOISE : []));
/** Random text; without aliases, no `*` (which starts one). */
const randomText = (sizes: Sizes) => fc.string({ maxLength: 500 }).map((s) => (sizes.aliases ? s : s.replaceAll('*', '')));

/** Text edits: truncation, deleted ranges, inserted YAML punctuation, duplicated lines. */
function mutatedText(text: string, sizes: Sizes): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 64 })).map(([at, n]) => text.slice(0, at) + text.slice(at + n)),
    fc
      .tuple(fc.nat({ max: text.length }), fc.array(noise(sizes), { minLength: 1, maxLength: 6 }))
      .map(([at, noise]) => text.slice(0, at) + noise.join('') + text.slice(at)),
    fc.nat().map((n) => {
      const lines = text.split('\n');
      const at = n % lines.length;
      return [...lines.slice(0, at + 1), lines[at]!, ...lines.slice(at + 1)].join('\n');
    }),
  );
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function leafPaths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    for (const [k, v] of entries) leafPaths(v, [...prefix, k], out);
  }
  out.push(prefix);
  return out;
}

/** `document` with the value at one of its paths replaced. */
function replaced(document: Json, at: number, value: Json): Json {
  const paths = leafPaths(document);
  const path = paths[at % paths.length]!;
  if (path.length === 0) return value;
  const copy = structuredClone(document) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path.at(-1)!] = value;
  return copy;
}

/** Parsed example documents with one value replaced by random JSON, written as YAML or JSON. */
const structurallyMutated = fc
  .tuple(
    fc.constantFrom(
      ...EXAMPLE_POLICIES.flatMap((text) => text.split(/^---$/m))
        .map((doc) => parse(doc) as Json)
        .filter((d) => d !== null),
    ),
    fc.nat(),
    fc.jsonValue({ maxDepth: 4 }),
    fc.boolean(),
  )
  .map(([document, at, value, json]) => {
    const mutated = replaced(document, at, value as Json);
    return json ? JSON.stringify(mutated) : stringify(mutated);
  });

/** A kgate policy whose first check carries `inner` (a JSON or YAML flow text) under key `x`. */
function withCheck(inner: string): string {
  return JSON.stringify(policyObject('fuzz', [{ name: 'eg' }])).replace('"check":{', `"check":{"x":${inner},`);
}

function hostileDocuments(sizes: Sizes): fc.Arbitrary<string> {
  const depth = fc.integer({ min: 1, max: sizes.depth });
  const width = fc.integer({ min: 1, max: sizes.width });
  const literal = fc.integer({ min: 1, max: sizes.literal });
  const bomb = fc.integer({ min: 1, max: sizes.aliasLevels }).map((levels) => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    return `apiVersion: kgate.dev/v1alpha1\nkind: AuthorizationPolicy\nmetadata: {name: bomb}\n${lines.join('\n')}\nspec: {rules: [*a${levels}]}\n`;
  });
  return fc.oneof(
    ...(sizes.aliases ? [bomb] : []),
    depth.map((d) => withCheck(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`)),
    depth.map((d) => withCheck(`${'['.repeat(d)}${']'.repeat(d)}`)),
    depth.map((d) => `spec:\n${Array.from({ length: d }, (_, i) => `${' '.repeat(2 * (i + 1))}k${i}:`).join('\n')} 1\n`),
    width.map((w) => withCheck(JSON.stringify(Object.fromEntries(Array.from({ length: w }, (_, i) => [`k${i}`, i]))))),
    width.map((w) => withCheck(JSON.stringify(Array.from({ length: w }, (_, i) => i)))),
    width.map((w) => `${Array.from({ length: w }, (_, i) => `k${i}: ${i}`).join('\n')}\n`),
    fc
      .tuple(literal, fc.constantFrom('a', '(', '->', '.', '\\', '"'))
      .map(([n, c]) => withCheck(JSON.stringify(c.repeat(Math.ceil(n / c.length)).slice(0, n)))),
    literal.map((n) => withCheck(`{${JSON.stringify('k'.repeat(n))}:1}`)),
  );
}

/** Mutated valid policies, deep and wide YAML/JSON, long strings and alias bombs. */
export function policyText(sizes: Sizes): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...EXAMPLE_POLICIES).chain((t) => mutatedText(t, sizes)),
    structurallyMutated,
    hostileDocuments(sizes),
    randomText(sizes),
  );
}

/** Extension resources for the hook: good, mutated, hostile or garbage policy objects as JSON bytes. */
export function hookResources(sizes: Sizes): fc.Arbitrary<Uint8Array[]> {
  const good = fc.constantFrom('a', 'b').map((name) => JSON.stringify(policyObject(name, [{ name: 'eg' }])));
  const text = fc.oneof(
    good,
    good.chain((t) => mutatedText(t, sizes)),
    hostileDocuments(sizes),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  );
  const bytes = fc.oneof(
    text.map((t) => new TextEncoder().encode(t)),
    fc.uint8Array({ maxLength: 256 }),
  );
  return fc.array(bytes, { maxLength: 4 });
}
