// The `object` a Kyverno Authz Envoy policy sees: the CheckRequest with
// protobuf field names (snake_case) and every field of the messages Envoy
// fills present at its default, as cel-go shows an unset proto field. Built
// from the AttributeContext protobuf JSON kgate already decoded; int64
// fields are CEL ints, uint32 fields (ports, pipe mode) CEL uints as in cel-go,
// timestamps CEL timestamps.
import { Environment } from '@marcbachmann/cel-js';
import type { Json } from '../json.js';

const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): bigint => (typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v)) ? BigInt(v) : 0n);
const strMap = (v: unknown): Record<string, string> => obj(v) as Record<string, string>;
/** cel-js does not export its uint class; a uint literal's constructor is it. */
const UnsignedInt = new Environment().evaluate('0u')!.constructor as new (value: bigint) => unknown;
const uint = (v: unknown): unknown => new UnsignedInt(int(v) < 0n ? 0n : int(v));

export function checkRequestObject(attributes: unknown): Json {
  const a = obj(attributes);
  const request = obj(a.request);
  const tls = obj(a.tlsSession);
  return {
    attributes: {
      source: peer(a.source),
      destination: peer(a.destination),
      request: {
        time: typeof request.time === 'string' ? new Date(request.time) : new Date(0),
        http: http(request.http),
      },
      context_extensions: strMap(a.contextExtensions),
      metadata_context: metadata(a.metadataContext),
      route_metadata_context: metadata(a.routeMetadataContext),
      tls_session: { sni: str(tls.sni) },
    },
  };
}

function peer(value: unknown): Json {
  const p = obj(value);
  const address = obj(p.address);
  const socket = obj(address.socketAddress);
  return {
    address: {
      socket_address: {
        protocol: socket.protocol === 'UDP' ? 1n : 0n,
        address: str(socket.address),
        port_value: uint(socket.portValue),
        named_port: str(socket.namedPort),
        resolver_name: str(socket.resolverName),
        ipv4_compat: socket.ipv4Compat === true,
      },
      pipe: { path: str(obj(address.pipe).path), mode: uint(obj(address.pipe).mode) },
    },
    service: str(p.service),
    labels: strMap(p.labels),
    principal: str(p.principal),
    certificate: str(p.certificate),
  };
}

function http(value: unknown): Json {
  const h = obj(value);
  const headerMap = obj(h.headerMap);
  const entries = Array.isArray(headerMap.headers) ? (headerMap.headers as unknown[]).map(obj) : [];
  return {
    id: str(h.id),
    method: str(h.method),
    headers: strMap(h.headers),
    header_map: { headers: entries.map((e) => ({ key: str(e.key), value: str(e.value), raw_value: new Uint8Array(Buffer.from(str(e.rawValue), 'base64')) })) },
    path: str(h.path),
    host: str(h.host),
    scheme: str(h.scheme),
    query: str(h.query),
    fragment: str(h.fragment),
    size: int(h.size),
    protocol: str(h.protocol),
    body: str(h.body),
    raw_body: new Uint8Array(Buffer.from(str(h.rawBody), 'base64')),
  };
}

function metadata(value: unknown): Json {
  return { filter_metadata: obj(obj(value).filterMetadata) };
}
