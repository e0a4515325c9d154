// The --ext-authz-* flags: settings of the ext_authz filter and cluster kgate
// injects, shared by `kgate serve` (the Envoy Gateway hooks) and `kgate inject`
// (the same logic offline), so both take the same flags with the same defaults.
import { isIP } from 'node:net';
import { StatusCodeSchema } from '../gen/envoy/type/v3/http_status_pb.js';
import { parseDuration } from '../runtime/units.js';
import { UsageError } from './args.js';
import { errorText } from '../engine/types.js';
export const hookFlagOptions = {
    'ext-authz-cluster': { type: 'string', default: 'kgate-ext-authz' },
    'ext-authz-address': { type: 'string', default: 'kgate.kgate-system.svc.cluster.local:9000' },
    'ext-authz-timeout': { type: 'string', default: '200ms' },
    'ext-authz-connect-timeout': { type: 'string', default: '1s' },
    'ext-authz-position': { type: 'string', default: 'auto' },
    'ext-authz-max-body-bytes': { type: 'string', default: '8192' },
    'ext-authz-status-on-error': { type: 'string', default: '403' },
};
/** Help text for the flags above, for the usage of every command that takes them. */
export const hookFlagsUsage = `ext_authz injection (Envoy Gateway hooks):
  --ext-authz-cluster NAME          xDS cluster for kgate's gRPC endpoint (default kgate-ext-authz)
  --ext-authz-address ADDR          kgate as Envoy reaches it: host:port, IP:port, [IPv6]:port or
                                    unix:///path (default kgate.kgate-system.svc.cluster.local:9000)
  --ext-authz-timeout DUR           ext_authz call timeout, e.g. 200ms, 1.5s (default 200ms)
  --ext-authz-connect-timeout DUR   connect timeout to kgate (default 1s)
  --ext-authz-position POS          auto | first | before-router | before:FILTER | after:FILTER
                                    (default auto: after jwt_authn, else before rate limits and router)
  --ext-authz-max-body-bytes N      request body buffered for policies that read it (default 8192)
  --ext-authz-status-on-error CODE  status when kgate fails or is unreachable (default 403)
`;
/** HookConfig from parsed flag values; throws UsageError naming the flag and the reason. */
export function hookConfigFrom(values) {
    const get = (flag) => {
        const value = values[flag] ?? hookFlagOptions[flag].default;
        if (typeof value !== 'string')
            throw new UsageError(`--${flag} takes one value`);
        return value;
    };
    const cluster = get('ext-authz-cluster');
    if (cluster === '')
        throw new UsageError('--ext-authz-cluster must not be empty');
    return {
        cluster,
        address: parseAddress(get('ext-authz-address')),
        timeoutMs: wholeMilliseconds('ext-authz-timeout', get('ext-authz-timeout')),
        connectTimeoutMs: wholeMilliseconds('ext-authz-connect-timeout', get('ext-authz-connect-timeout')),
        position: parsePosition(get('ext-authz-position')),
        maxRequestBytes: parseInteger('ext-authz-max-body-bytes', get('ext-authz-max-body-bytes'), 1, 0xffffffff),
        statusOnError: parseStatus(get('ext-authz-status-on-error')),
    };
}
function parseAddress(text) {
    const fail = (reason) => {
        throw new UsageError(`--ext-authz-address ${JSON.stringify(text)}: ${reason}`);
    };
    if (text.startsWith('unix://')) {
        const path = text.slice('unix://'.length);
        return path.startsWith('/') ? { kind: 'pipe', path } : fail('a unix address needs an absolute path: unix:///path');
    }
    const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d+)$/.exec(text) ?? fail('expected host:port, IP:port, [IPv6]:port or unix:///path');
    const host = match[1] ?? match[2] ?? '';
    const port = Number(match[3]);
    if (port < 1 || port > 65535)
        fail('the port must be 1-65535');
    if (match[1] !== undefined && isIP(host) !== 6)
        fail(`${host} is not an IPv6 address`);
    return { kind: isIP(host) === 0 ? 'dns' : 'ip', host, port };
}
/** A duration Envoy's config can carry: whole milliseconds. */
function wholeMilliseconds(flag, text) {
    let ms;
    try {
        ms = parseDuration(text, `--${flag}`);
    }
    catch (error) {
        throw new UsageError(errorText(error));
    }
    if (!Number.isInteger(ms))
        throw new UsageError(`--${flag} ${JSON.stringify(text)}: expected whole milliseconds, e.g. 250ms or 1.5s`);
    return ms;
}
function parseInteger(flag, text, min, max) {
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(n >= min && n <= max))
        throw new UsageError(`--${flag} ${JSON.stringify(text)}: expected an integer from ${min} to ${max}`);
    return n;
}
function parseStatus(text) {
    const code = parseInteger('ext-authz-status-on-error', text, 100, 599);
    // Envoy validates status_on_error against its StatusCode enum, which lists only registered codes.
    if (!StatusCodeSchema.values.some((v) => v.number === code)) {
        throw new UsageError(`--ext-authz-status-on-error ${code}: not an HTTP status Envoy accepts (envoy.type.v3.StatusCode)`);
    }
    return code;
}
function parsePosition(text) {
    if (text === 'auto' || text === 'first' || text === 'before-router')
        return { kind: text };
    const match = /^(before|after):(.+)$/.exec(text);
    if (!match)
        throw new UsageError(`--ext-authz-position ${JSON.stringify(text)}: expected auto, first, before-router, before:FILTER or after:FILTER`);
    return { kind: match[1], filter: match[2] ?? '' };
}
//# sourceMappingURL=hook-flags.js.map