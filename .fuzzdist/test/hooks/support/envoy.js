// Test-side Envoy plumbing: Envoy Gateway's protobuf-JSON fixtures to binary
// (through the descriptor set of every Envoy v3 type), and a decoded view of
// a listener's HTTP connection managers to check the hook's output with code
// independent of the hook's own wire-level surgery.
import { createFileRegistry, fromBinary, fromJson, toBinary } from '@bufbuild/protobuf';
import { anyUnpack, FileDescriptorSetSchema, StringValueSchema } from '@bufbuild/protobuf/wkt';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lazy, needsGenerated, needsShared } from '../../support/needs.js';
import { ListenerSchema } from '../../../src/gen/envoy/config/listener/v3/listener_pb.js';
import { ExtAuthzSchema } from '../../../src/gen/envoy/extensions/filters/http/ext_authz/v3/ext_authz_pb.js';
import { HttpConnectionManagerSchema, } from '../../../src/gen/envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager_pb.js';
/** Envoy Gateway's translator fixtures (../shared). */
export const FIXTURES = join('..', 'shared', 'fixtures', 'envoy-gateway', 'listeners');
/** Fixtures named by tests are copied into the repository (test/fixtures/listeners). */
const COPIED = 'test/fixtures/listeners';
/** A named fixture: the repository's copy when there is one, else the shared folder's. */
export function fixturePath(name) {
    const copy = join(COPIED, name);
    return existsSync(copy) ? copy : needsShared(join('fixtures', 'envoy-gateway', 'listeners', name));
}
/** Every Envoy v3 type (generated), loaded when a test first converts a fixture. */
const descriptors = lazy(() => {
    const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(needsGenerated('build/envoy-descriptors.binpb'))));
    const listener = registry.getMessage('envoy.config.listener.v3.Listener');
    if (!listener)
        throw new Error('build/envoy-descriptors.binpb has no envoy.config.listener.v3.Listener: run `npm run generate`');
    return { registry, listener };
});
export function fixtureNames() {
    return readdirSync(needsShared(join('fixtures', 'envoy-gateway', 'listeners')))
        .filter((n) => n.endsWith('.yaml'))
        .sort();
}
/** The listeners of a fixture file, as EG would send them (protobuf binary). */
export function fixtureListeners(name) {
    const docs = parse(readFileSync(fixturePath(name), 'utf8'));
    return docs.map(listenerToBinary);
}
/**
 * Protobuf JSON to binary. Fixtures carry fields and Any types newer than the
 * bundled Envoy tree: unknown JSON fields are dropped, and an Any of an
 * unknown type keeps its type URL with its JSON text as payload (the hook never
 * decodes such payloads; they only have to come back byte for byte).
 */
export function listenerToBinary(json) {
    const opaque = [];
    const known = replaceUnknownAnys(json, opaque);
    const { registry, listener } = descriptors();
    const message = fromJson(listener, known, { registry, ignoreUnknownFields: true });
    restoreOpaque(message, opaque);
    return toBinary(listener, message);
}
const PLACEHOLDER = 'kgate-test-opaque:';
function replaceUnknownAnys(value, opaque) {
    if (Array.isArray(value))
        return value.map((v) => replaceUnknownAnys(v, opaque));
    if (value === null || typeof value !== 'object')
        return value;
    const typeUrl = value['@type'];
    if (typeof typeUrl === 'string' && !descriptors().registry.getMessage(typeUrl.slice(typeUrl.lastIndexOf('/') + 1))) {
        opaque.push({ typeUrl, payload: new TextEncoder().encode(JSON.stringify(value)) });
        return { '@type': 'type.googleapis.com/google.protobuf.StringValue', value: `${PLACEHOLDER}${opaque.length - 1}` };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceUnknownAnys(v, opaque)]));
}
function restoreOpaque(node, opaque) {
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array)
        return;
    const any = node;
    if (any.$typeName === 'google.protobuf.Any' && any.typeUrl?.endsWith('google.protobuf.StringValue')) {
        const text = anyUnpack(any, StringValueSchema)?.value ?? '';
        const found = text.startsWith(PLACEHOLDER) ? opaque[Number(text.slice(PLACEHOLDER.length))] : undefined;
        if (found) {
            any.typeUrl = found.typeUrl;
            any.value = found.payload;
        }
        return;
    }
    for (const child of Object.values(node))
        restoreOpaque(child, opaque);
}
export function decodeListener(bytes) {
    return fromBinary(ListenerSchema, bytes);
}
export function hcmsOf(listener) {
    const chains = [...listener.filterChains.map((chain) => ({ chain, isDefault: false }))];
    if (listener.defaultFilterChain)
        chains.push({ chain: listener.defaultFilterChain, isDefault: true });
    return chains.flatMap(({ chain, isDefault }) => {
        for (const filter of chain.filters) {
            if (filter.configType.case !== 'typedConfig')
                continue;
            const hcm = anyUnpack(filter.configType.value, HttpConnectionManagerSchema);
            if (hcm)
                return [{ chain, isDefault, hcm }];
        }
        return [];
    });
}
export const KGATE = 'kgate.ext_authz';
export function kgateFilters(hcm) {
    return hcm.httpFilters.filter((f) => f.name === KGATE);
}
export function extAuthzOf(filter) {
    const config = filter.configType.case === 'typedConfig' ? anyUnpack(filter.configType.value, ExtAuthzSchema) : undefined;
    if (!config)
        throw new Error(`filter ${filter.name} has no ExtAuthz typed_config`);
    return config;
}
/** The listener with every kgate filter removed, re-encoded canonically (decoder-independent of the hook). */
export function withoutKgate(bytes) {
    const listener = decodeListener(bytes);
    const chains = [...listener.filterChains, ...(listener.defaultFilterChain ? [listener.defaultFilterChain] : [])];
    for (const chain of chains) {
        for (const filter of chain.filters) {
            if (filter.configType.case !== 'typedConfig')
                continue;
            const hcm = anyUnpack(filter.configType.value, HttpConnectionManagerSchema);
            if (!hcm || kgateFilters(hcm).length === 0)
                continue;
            hcm.httpFilters = hcm.httpFilters.filter((f) => f.name !== KGATE);
            // In place: the Any keeps its own fields, unknown ones included.
            filter.configType.value.value = toBinary(HttpConnectionManagerSchema, hcm);
        }
    }
    return toBinary(ListenerSchema, listener);
}
/** Canonical re-encoding, to compare listeners structurally (unknown fields included). */
export function canonical(bytes) {
    return toBinary(ListenerSchema, decodeListener(bytes));
}
export { toBinary };
//# sourceMappingURL=envoy.js.map