// What a policy sees for one Check: the AttributeContext JSON as payload,
// plus derived bindings that are computed only when an expression reads them.
// `kgate check` builds its input here too, so both agree exactly.
import { Bindings } from '../engine/bindings.js';
/**
 * The payload and the derived bindings `$path`, `$query`, `$segments`,
 * `$body`, `$gateway`, `$listener` (docs/operations.md, "Policy input").
 */
export function checkInput(attributes, scope) {
    const http = field(field(attributes, 'request'), 'http');
    const fullPath = stringField(http, 'path');
    const bindings = Bindings.empty
        .withLazy('path', () => pathOf(fullPath))
        .withLazy('query', () => parseParams(queryOf(fullPath)))
        .withLazy('segments', () => segmentsOf(pathOf(fullPath)))
        .withLazy('body', () => parseBody(http))
        .withLazy('gateway', () => gatewayOf(scope))
        .withLazy('listener', () => listenerOf(scope));
    return { attributes, bindings };
}
function field(value, name) {
    return typeof value === 'object' && value !== null ? value[name] : undefined;
}
function stringField(value, name) {
    const v = field(value, name);
    return typeof v === 'string' ? v : '';
}
function pathOf(path) {
    const cut = path.search(/[?#]/);
    return cut === -1 ? path : path.slice(0, cut);
}
function queryOf(path) {
    const start = path.indexOf('?');
    if (start === -1)
        return '';
    const hash = path.indexOf('#', start);
    return path.slice(start + 1, hash === -1 ? undefined : hash);
}
/** `a=1&b=2&a=3` → `{a: ['1', '3'], b: ['2']}` (form decoding: `+` is a space). */
function parseParams(text) {
    const params = {};
    for (const [name, value] of new URLSearchParams(text)) {
        if (Object.hasOwn(params, name))
            params[name].push(value);
        else
            Object.defineProperty(params, name, { value: [value], enumerable: true, writable: true, configurable: true });
    }
    return params;
}
/** `/a//b%20c/` → `['a', 'b c']`: empty segments dropped, each percent-decoded when it decodes. */
function segmentsOf(path) {
    return path
        .split('/')
        .filter((s) => s.length > 0)
        .map((s) => {
        try {
            return decodeURIComponent(s);
        }
        catch {
            return s;
        }
    });
}
/**
 * The request body parsed by its content type: JSON → the value, form
 * (`application/x-www-form-urlencoded`) → params like `$query`; anything
 * else, no body, or a body that does not parse → null.
 */
function parseBody(http) {
    const text = bodyText(http);
    if (text === undefined)
        return null;
    const type = (field(field(http, 'headers'), 'content-type') ?? '');
    const mediaType = type.split(';')[0].trim().toLowerCase();
    if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
        try {
            return JSON.parse(text);
        }
        catch {
            return null;
        }
    }
    if (mediaType === 'application/x-www-form-urlencoded')
        return parseParams(text);
    return null;
}
/** `body` as Envoy sends it (UTF-8), or `rawBody` (base64 in the JSON) decoded as UTF-8. */
function bodyText(http) {
    const body = stringField(http, 'body');
    if (body)
        return body;
    const raw = stringField(http, 'rawBody');
    return raw ? Buffer.from(raw, 'base64').toString('utf8') : undefined;
}
function sectionRefs(scope) {
    return scope.sections.flatMap((s) => {
        const [namespace, gateway, listener, ...rest] = s.split('/');
        return namespace && gateway && listener && rest.length === 0 ? [{ namespace, gateway, listener }] : [];
    });
}
/** `{namespace, name}` of the Gateway serving the request; null when untagged or the sections span several Gateways. */
function gatewayOf(scope) {
    if (!scope)
        return null;
    const gateways = new Set(sectionRefs(scope).map((s) => `${s.namespace}/${s.gateway}`));
    if (gateways.size !== 1)
        return null;
    const [namespace, name] = [...gateways][0].split('/');
    return { namespace, name };
}
/** `{name: <xds listener>, sections: [{namespace, gateway, listener}...]}`; null when untagged. */
function listenerOf(scope) {
    return scope ? { name: scope.listener ?? null, sections: sectionRefs(scope) } : null;
}
//# sourceMappingURL=input.js.map