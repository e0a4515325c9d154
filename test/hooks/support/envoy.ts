// Test-side Envoy plumbing: Envoy Gateway's protobuf-JSON fixtures to binary
// (through the descriptor set of every Envoy v3 type), and a decoded view of
// a listener's HTTP connection managers to check the hook's output with code
// independent of the hook's own wire-level surgery.
import { createFileRegistry, fromBinary, fromJson, toBinary, type JsonValue } from '@bufbuild/protobuf';
import { anyUnpack, FileDescriptorSetSchema, StringValueSchema } from '@bufbuild/protobuf/wkt';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lazy, needsGenerated, needsShared } from '../../support/needs.js';
import { ListenerSchema, type Listener } from '../../../src/gen/envoy/config/listener/v3/listener_pb.js';
import type { FilterChain } from '../../../src/gen/envoy/config/listener/v3/listener_components_pb.js';
import { ExtAuthzSchema, type ExtAuthz } from '../../../src/gen/envoy/extensions/filters/http/ext_authz/v3/ext_authz_pb.js';
import {
  HttpConnectionManagerSchema,
  type HttpConnectionManager,
  type HttpFilter,
} from '../../../src/gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js';

/** Envoy Gateway's translator fixtures (../shared). */
export const FIXTURES = join('..', 'shared', 'fixtures', 'envoy-gateway', 'listeners');
/** Fixtures named by tests are copied into the repository (test/fixtures/listeners). */
const COPIED = 'test/fixtures/listeners';

/** A named fixture: the repository's copy when there is one, else the shared folder's. */
export function fixturePath(name: string): string {
  const copy = join(COPIED, name);
  return existsSync(copy) ? copy : needsShared(join('fixtures', 'envoy-gateway', 'listeners', name));
}

/** Every Envoy v3 type (generated), loaded when a test first converts a fixture. */
const descriptors = lazy(() => {
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(needsGenerated('build/envoy-descriptors.binpb'))));
  const listener = registry.getMessage('envoy.config.listener.v3.Listener');
  if (!listener) throw new Error('build/envoy-descriptors.binpb has no envoy.config.listener.v3.Listener: run `npm run generate`');
  return { registry, listener };
});

export function fixtureNames(): string[] {
  return readdirSync(needsShared(join('fixtures', 'envoy-gateway', 'listeners')))
    .filter((n) => n.endsWith('.yaml'))
    .sort();
}

/** The listeners of a fixture file, as EG would send them (protobuf binary). */
export function fixtureListeners(name: string): Uint8Array[] {
  const docs = parse(readFileSync(fixturePath(name), 'utf8')) as JsonValue[];
  return docs.map(listenerToBinary);
}

/**
 * Protobuf JSON to binary. Fixtures carry fields and Any types newer than the
 * bundled Envoy tree: unknown JSON fields are dropped, and an Any of an
 * unknown type keeps its type URL with its JSON text as payload (the hook never
 * decodes such payloads; they only have to come back byte for byte).
 */
export function listenerToBinary(json: JsonValue): Uint8Array {
  const opaque: { typeUrl: string; payload: Uint8Array }[] = [];
  const known = replaceUnknownAnys(json, opaque);
  const { registry, listener } = descriptors();
  const message = fromJson(listener, known, { registry, ignoreUnknownFields: true });
  restoreOpaque(message, opaque);
  return toBinary(listener, message);
}

const PLACEHOLDER = 'kgate-test-opaque:';

function replaceUnknownAnys(value: JsonValue, opaque: { typeUrl: string; payload: Uint8Array }[]): JsonValue {
  if (Array.isArray(value)) return value.map((v) => replaceUnknownAnys(v, opaque));
  if (value === null || typeof value !== 'object') return value;
  const typeUrl = value['@type'];
  if (typeof typeUrl === 'string' && !descriptors().registry.getMessage(typeUrl.slice(typeUrl.lastIndexOf('/') + 1))) {
    opaque.push({ typeUrl, payload: new TextEncoder().encode(JSON.stringify(value)) });
    return { '@type': 'type.googleapis.com/google.protobuf.StringValue', value: `${PLACEHOLDER}${opaque.length - 1}` };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceUnknownAnys(v, opaque)]));
}

function restoreOpaque(node: unknown, opaque: { typeUrl: string; payload: Uint8Array }[]): void {
  if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return;
  const any = node as { $typeName?: string; typeUrl?: string; value?: Uint8Array };
  if (any.$typeName === 'google.protobuf.Any' && any.typeUrl?.endsWith('google.protobuf.StringValue')) {
    const text = anyUnpack(any as never, StringValueSchema)?.value ?? '';
    const found = text.startsWith(PLACEHOLDER) ? opaque[Number(text.slice(PLACEHOLDER.length))] : undefined;
    if (found) {
      any.typeUrl = found.typeUrl;
      any.value = found.payload;
    }
    return;
  }
  for (const child of Object.values(node)) restoreOpaque(child, opaque);
}

/** One HTTP connection manager of a decoded listener. */
export interface DecodedHcm {
  readonly chain: FilterChain;
  readonly isDefault: boolean;
  readonly hcm: HttpConnectionManager;
}

export function decodeListener(bytes: Uint8Array): Listener {
  return fromBinary(ListenerSchema, bytes);
}

export function hcmsOf(listener: Listener): DecodedHcm[] {
  const chains = [...listener.filterChains.map((chain) => ({ chain, isDefault: false }))];
  if (listener.defaultFilterChain) chains.push({ chain: listener.defaultFilterChain, isDefault: true });
  return chains.flatMap(({ chain, isDefault }) => {
    for (const filter of chain.filters) {
      if (filter.configType.case !== 'typedConfig') continue;
      const hcm = anyUnpack(filter.configType.value, HttpConnectionManagerSchema);
      if (hcm) return [{ chain, isDefault, hcm }];
    }
    return [];
  });
}

export const KGATE = 'kgate.ext_authz';

export function kgateFilters(hcm: HttpConnectionManager): HttpFilter[] {
  return hcm.httpFilters.filter((f) => f.name === KGATE);
}

export function extAuthzOf(filter: HttpFilter): ExtAuthz {
  const config = filter.configType.case === 'typedConfig' ? anyUnpack(filter.configType.value, ExtAuthzSchema) : undefined;
  if (!config) throw new Error(`filter ${filter.name} has no ExtAuthz typed_config`);
  return config;
}

/** The listener with every kgate filter removed, re-encoded canonically (decoder-independent of the hook). */
export function withoutKgate(bytes: Uint8Array): Uint8Array {
  const listener = decodeListener(bytes);
  const chains = [...listener.filterChains, ...(listener.defaultFilterChain ? [listener.defaultFilterChain] : [])];
  for (const chain of chains) {
    for (const filter of chain.filters) {
      if (filter.configType.case !== 'typedConfig') continue;
      const hcm = anyUnpack(filter.configType.value, HttpConnectionManagerSchema);
      if (!hcm || kgateFilters(hcm).length === 0) continue;
      hcm.httpFilters = hcm.httpFilters.filter((f) => f.name !== KGATE);
      // In place: the Any keeps its own fields, unknown ones included.
      filter.configType.value.value = toBinary(HttpConnectionManagerSchema, hcm);
    }
  }
  return toBinary(ListenerSchema, listener);
}

/** Canonical re-encoding, to compare listeners structurally (unknown fields included). */
export function canonical(bytes: Uint8Array): Uint8Array {
  return toBinary(ListenerSchema, decodeListener(bytes));
}

export { toBinary };
