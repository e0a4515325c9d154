// Decision → what Envoy receives: a gRPC CheckResponse, or the answer of
// Envoy's plain-HTTP ext_authz protocol. Shared by `kgate serve` and
// `kgate check`.
import { create, fromJson, toBinary } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { StructSchema } from '@bufbuild/protobuf/wkt';
import { CheckResponseSchema } from '../gen/envoy/service/auth/v3/external_auth_pb.js';
/** Envoy reads only `append` up to 1.36 (1.37's append_action was reverted), so it is always set explicitly. */
function option(header, append) {
    return { header: { key: header.name, value: header.value }, append };
}
/** The CheckResponse for a decision (status, denied_response or ok_response, dynamic_metadata). */
export function checkResponse(decision) {
    if (decision.envoy)
        return fromJson(CheckResponseSchema, decision.envoy);
    const metadata = decision.metadata && plainJson(decision.metadata);
    const base = { status: { code: decision.grpcCode }, ...(metadata ? { dynamicMetadata: metadata } : {}) };
    if (!decision.allowed) {
        const denial = decision.denial ?? { headers: [], body: '' };
        return create(CheckResponseSchema, {
            ...base,
            httpResponse: {
                case: 'deniedResponse',
                value: { status: { code: decision.httpStatus }, headers: denial.headers.map((h) => option(h, false)), body: denial.body },
            },
        });
    }
    if (!shapesAllowed(decision))
        return create(CheckResponseSchema, base);
    const { upstream } = decision;
    return create(CheckResponseSchema, {
        ...base,
        httpResponse: {
            case: 'okResponse',
            value: {
                headers: [...upstream.set.map((h) => option(h, false)), ...upstream.append.map((h) => option(h, true))],
                headersToRemove: [...upstream.remove],
                responseHeadersToAdd: decision.responseHeaders.map((h) => option(h, h.append)),
                queryParametersToSet: upstream.setQuery.map((q) => ({ key: q.name, value: q.value })),
                queryParametersToRemove: [...upstream.removeQuery],
            },
        },
    });
}
/** Metadata as a protobuf Struct can hold it: what JSON keeps (no undefined, functions, bigints as numbers...). */
function plainJson(metadata) {
    return JSON.parse(JSON.stringify(metadata));
}
function shapesAllowed(decision) {
    const { upstream } = decision;
    return (upstream.set.length +
        upstream.append.length +
        upstream.remove.length +
        upstream.setQuery.length +
        upstream.removeQuery.length +
        decision.responseHeaders.length >
        0);
}
/** The plain allow every request without shaping gets: encoded once. */
const PLAIN_ALLOW = toBinary(CheckResponseSchema, create(CheckResponseSchema, { status: { code: 0 } }));
const LEN = WireType.LengthDelimited;
const utf8 = (text) => Buffer.from(text, 'utf8');
/**
 * The serialized CheckResponse for a decision: the same message as
 * checkResponse(decision), written field by field. On the request path
 * create() + toBinary() (reflection) cost a tenth of a Check's CPU.
 */
export function encodeCheckResponse(decision) {
    if (decision.envoy)
        return toBinary(CheckResponseSchema, checkResponse(decision));
    if (decision.allowed && decision.metadata === undefined && !shapesAllowed(decision))
        return PLAIN_ALLOW;
    const w = new BinaryWriter(utf8);
    w.tag(1, LEN).fork();
    if (decision.grpcCode !== 0)
        w.tag(1, WireType.Varint).int32(decision.grpcCode);
    w.join();
    if (!decision.allowed)
        writeDenial(w, decision);
    else if (shapesAllowed(decision))
        writeOk(w, decision);
    if (decision.metadata)
        w.tag(4, LEN).bytes(toBinary(StructSchema, fromJson(StructSchema, plainJson(decision.metadata))));
    return w.finish();
}
function writeDenial(w, decision) {
    const denial = decision.denial ?? { headers: [], body: '' };
    w.tag(2, LEN).fork();
    w.tag(1, LEN).fork().tag(1, WireType.Varint).int32(decision.httpStatus).join();
    for (const header of denial.headers)
        writeOption(w, 2, header, false);
    if (denial.body)
        w.tag(3, LEN).string(denial.body);
    w.join();
}
function writeOk(w, decision) {
    const { upstream } = decision;
    w.tag(3, LEN).fork();
    for (const header of upstream.set)
        writeOption(w, 2, header, false);
    for (const header of upstream.append)
        writeOption(w, 2, header, true);
    for (const name of upstream.remove)
        w.tag(5, LEN).string(name);
    for (const header of decision.responseHeaders)
        writeOption(w, 6, header, header.append);
    for (const { name, value } of upstream.setQuery)
        w.tag(7, LEN).fork().tag(1, LEN).string(name).tag(2, LEN).string(value).join();
    for (const name of upstream.removeQuery)
        w.tag(8, LEN).string(name);
    w.join();
}
/** HeaderValueOption{header: {key, value}, append: BoolValue}: `append` is always present, false as an empty BoolValue. */
function writeOption(w, field, header, append) {
    w.tag(field, LEN).fork();
    w.tag(1, LEN).fork().tag(1, LEN).string(header.name).tag(2, LEN).string(header.value).join();
    w.tag(2, LEN).fork();
    if (append)
        w.tag(1, WireType.Varint).bool(true);
    w.join().join();
}
/** Removal of upstream request headers over Envoy's HTTP protocol. */
export const HEADERS_TO_REMOVE = 'x-envoy-auth-headers-to-remove';
/**
 * Over HTTP Envoy allows only on exactly 200 and treats any 5xx as an error
 * of the authorization service (failure_mode_allow would then let the request
 * through), so a denial is never 200 nor 5xx: those statuses become 403.
 * Allowed: the headers to set or append upstream and the client response
 * headers all travel as response headers; Envoy's `allowed_upstream_headers`,
 * `allowed_upstream_headers_to_append` and `allowed_client_headers_on_success`
 * route each one (docs/operations.md). Query rewrites and dynamic metadata have
 * no HTTP form.
 */
export function httpAnswer(decision) {
    if (!decision.allowed) {
        const status = decision.httpStatus >= 300 && decision.httpStatus < 500 ? decision.httpStatus : 403;
        const denial = decision.denial ?? { headers: [], body: '' };
        return { status, headers: denial.headers.map((h) => [h.name, h.value]), body: denial.body };
    }
    const { upstream } = decision;
    const headers = [...upstream.set, ...upstream.append, ...decision.responseHeaders].map((h) => [h.name, h.value]);
    if (upstream.remove.length > 0)
        headers.push([HEADERS_TO_REMOVE, upstream.remove.join(',')]);
    return { status: 200, headers, body: '' };
}
//# sourceMappingURL=response.js.map