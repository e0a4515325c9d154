import { namespace, plainValue, register } from './registry.js';
export class OkHttpResponse {
    headers;
    headersToRemove;
    responseHeadersToAdd;
    queryParametersToSet;
    queryParametersToRemove;
    constructor(headers = [], headersToRemove = [], responseHeadersToAdd = [], queryParametersToSet = [], queryParametersToRemove = []) {
        this.headers = headers;
        this.headersToRemove = headersToRemove;
        this.responseHeadersToAdd = responseHeadersToAdd;
        this.queryParametersToSet = queryParametersToSet;
        this.queryParametersToRemove = queryParametersToRemove;
    }
    with(change) {
        const next = { ...this, ...change };
        return new OkHttpResponse(next.headers, next.headersToRemove, next.responseHeadersToAdd, next.queryParametersToSet, next.queryParametersToRemove);
    }
}
export class DeniedHttpResponse {
    code;
    headers;
    body;
    constructor(code, headers = [], body = '') {
        this.code = code;
        this.headers = headers;
        this.body = body;
    }
}
export class CheckResponse {
    http;
    message;
    metadata;
    constructor(http, message = '', metadata) {
        this.http = http;
        this.message = message;
        this.metadata = metadata;
    }
    get allowed() {
        return this.http instanceof OkHttpResponse;
    }
    /** The CheckResponse as protobuf JSON (lowerCamelCase), as Kyverno Authz builds it. */
    toJson() {
        const code = this.allowed ? 0 : 7;
        const status = code === 0 ? {} : { code };
        if (this.message)
            status.message = this.message;
        const json = { status };
        if (this.http instanceof OkHttpResponse)
            json.okResponse = okJson(this.http);
        else
            json.deniedResponse = deniedJson(this.http);
        if (this.metadata)
            json.dynamicMetadata = this.metadata;
        return json;
    }
}
function okJson(ok) {
    const json = {};
    if (ok.headers.length)
        json.headers = ok.headers.map(optionJson);
    if (ok.headersToRemove.length)
        json.headersToRemove = ok.headersToRemove;
    if (ok.responseHeadersToAdd.length)
        json.responseHeadersToAdd = ok.responseHeadersToAdd.map(optionJson);
    if (ok.queryParametersToSet.length)
        json.queryParametersToSet = ok.queryParametersToSet;
    if (ok.queryParametersToRemove.length)
        json.queryParametersToRemove = ok.queryParametersToRemove;
    return json;
}
function deniedJson(denied) {
    const json = { status: denied.code === 0 ? {} : { code: denied.code } };
    if (denied.headers.length)
        json.headers = denied.headers.map(optionJson);
    if (denied.body)
        json.body = denied.body;
    return json;
}
function optionJson(option) {
    return option.keepEmptyValue ? { header: option.header, keepEmptyValue: true } : { header: option.header };
}
const header = (key, value) => ({ header: { key, value } });
/**
 * Registers the library. Result types are declared `dyn`: cel-js does not let
 * `null` join an object type in a ternary (`cond ? envoy.Denied(403).Response() : null`),
 * which every Kyverno Authz policy writes; the receivers stay typed, so a
 * builder called on the wrong value is still an error.
 */
export function registerEnvoy(env) {
    env.registerType('OkHttpResponse', OkHttpResponse);
    env.registerType('DeniedHttpResponse', DeniedHttpResponse);
    env.registerType('CheckResponse', CheckResponse);
    env.registerType('HeaderOption', HeaderBox);
    env.registerType('QueryParam', QueryParam);
    const ns = namespace(env, 'envoy');
    register(env, ns, 'Allowed', [], () => new OkHttpResponse());
    register(env, ns, 'Denied', ['int'], (code) => new DeniedHttpResponse(Number(code)));
    register(env, ns, 'Header', ['string', 'string'], (key, value) => wrapHeader(header(key, value)));
    register(env, ns, 'QueryParam', ['string', 'string'], (key, value) => new QueryParam(key, value));
    register(env, 'DeniedHttpResponse', 'WithBody', ['string'], (d, body) => new DeniedHttpResponse(d.code, d.headers, body));
    register(env, 'OkHttpResponse', 'WithHeader', ['string', 'string'], (o, k, v) => o.with({ headers: [...o.headers, header(k, v)] }));
    register(env, 'OkHttpResponse', 'WithHeader', ['HeaderOption'], (o, h) => o.with({ headers: [...o.headers, h.option] }));
    register(env, 'DeniedHttpResponse', 'WithHeader', ['string', 'string'], (d, k, v) => new DeniedHttpResponse(d.code, [...d.headers, header(k, v)], d.body));
    register(env, 'DeniedHttpResponse', 'WithHeader', ['HeaderOption'], (d, h) => new DeniedHttpResponse(d.code, [...d.headers, h.option], d.body));
    register(env, 'OkHttpResponse', 'WithoutHeader', ['string'], (o, name) => o.with({ headersToRemove: [...o.headersToRemove, name] }));
    register(env, 'OkHttpResponse', 'WithResponseHeader', ['string', 'string'], (o, k, v) => o.with({ responseHeadersToAdd: [...o.responseHeadersToAdd, header(k, v)] }));
    register(env, 'OkHttpResponse', 'WithResponseHeader', ['HeaderOption'], (o, h) => o.with({ responseHeadersToAdd: [...o.responseHeadersToAdd, h.option] }));
    register(env, 'OkHttpResponse', 'WithQueryParam', ['string', 'string'], (o, k, v) => o.with({ queryParametersToSet: [...o.queryParametersToSet, { key: k, value: v }] }));
    register(env, 'OkHttpResponse', 'WithQueryParam', ['QueryParam'], (o, q) => o.with({ queryParametersToSet: [...o.queryParametersToSet, { key: q.key, value: q.value }] }));
    register(env, 'OkHttpResponse', 'WithoutQueryParam', ['string'], (o, name) => o.with({ queryParametersToRemove: [...o.queryParametersToRemove, name] }));
    register(env, 'HeaderOption', 'KeepEmptyValue', [], (h) => wrapHeader({ ...h.option, keepEmptyValue: true }));
    register(env, 'HeaderOption', 'KeepEmptyValue', ['bool'], (h, keep) => wrapHeader({ header: h.option.header, ...(keep ? { keepEmptyValue: true } : {}) }));
    register(env, 'OkHttpResponse', 'Response', [], (o) => new CheckResponse(o));
    register(env, 'DeniedHttpResponse', 'Response', [], (d) => new CheckResponse(d));
    register(env, 'CheckResponse', 'WithMessage', ['string'], (r, message) => new CheckResponse(r.http, message, r.metadata));
    register(env, 'CheckResponse', 'WithMetadata', ['map'], (r, metadata) => new CheckResponse(r.http, r.message, plainValue(metadata)));
}
/** envoy.Header(...) values: a class of their own so that overloads tell them apart. */
export class HeaderBox {
    option;
    constructor(option) {
        this.option = option;
    }
}
const wrapHeader = (option) => new HeaderBox(option);
export class QueryParam {
    key;
    value;
    constructor(key, value) {
        this.key = key;
        this.value = value;
    }
}
//# sourceMappingURL=envoy.js.map