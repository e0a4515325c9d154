import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { equals, fromBinary } from '@bufbuild/protobuf';
import { checkResponse, encodeCheckResponse, httpAnswer, HEADERS_TO_REMOVE } from '../../src/authz/response.js';
import { CheckResponseSchema } from '../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
const none = { set: [], append: [], remove: [], setQuery: [], removeQuery: [] };
const plainAllow = { allowed: true, httpStatus: 200, grpcCode: 0, upstream: none, responseHeaders: [], reasons: [], policies: ['default/books'] };
const shapedAllow = {
    ...plainAllow,
    upstream: {
        set: [{ name: 'x-user', value: 'alice' }],
        append: [{ name: 'x-trace', value: 'kgate' }],
        remove: ['authorization'],
        setQuery: [{ name: 'user', value: 'alice' }],
        removeQuery: ['token'],
    },
    responseHeaders: [
        { name: 'x-served-by', value: 'kgate', append: false },
        { name: 'set-cookie', value: 'a=1', append: true },
    ],
    metadata: { user: { name: 'alice', roles: ['admin'] }, n: 2 },
};
const denied = {
    allowed: false,
    httpStatus: 401,
    grpcCode: 16,
    denial: { headers: [{ name: 'www-authenticate', value: 'Bearer' }], body: 'token required\n' },
    upstream: none,
    responseHeaders: [],
    reasons: [{ policy: 'default/books', rule: 'r', kind: 'violation', message: 'token required' }],
    policies: ['default/books'],
};
const decoded = (d) => fromBinary(CheckResponseSchema, encodeCheckResponse(d));
describe('CheckResponse', () => {
    it('allows with status OK and nothing else when no policy shapes the request', () => {
        const response = decoded(plainAllow);
        assert.equal(response.status?.code, 0);
        assert.equal(response.httpResponse.case, undefined);
        assert.equal(response.dynamicMetadata, undefined);
    });
    it('carries headers to set (append false) and append (append true), removals, query changes, response headers and metadata', () => {
        const response = decoded(shapedAllow);
        assert.equal(response.status?.code, 0);
        assert.equal(response.httpResponse.case, 'okResponse');
        const ok = response.httpResponse.value;
        // append decoded as false (not undefined) proves the field is on the wire.
        assert.deepEqual(ok.headers.map((h) => [h.header?.key, h.header?.value, h.append]), [
            ['x-user', 'alice', false],
            ['x-trace', 'kgate', true],
        ]);
        assert.deepEqual(ok.headersToRemove, ['authorization']);
        assert.deepEqual(ok.responseHeadersToAdd.map((h) => [h.header?.key, h.append]), [
            ['x-served-by', false],
            ['set-cookie', true],
        ]);
        assert.deepEqual(ok.queryParametersToSet.map((q) => [q.key, q.value]), [['user', 'alice']]);
        assert.deepEqual(ok.queryParametersToRemove, ['token']);
        assert.deepEqual(response.dynamicMetadata, { user: { name: 'alice', roles: ['admin'] }, n: 2 });
    });
    it('denies with the decision gRPC code, HTTP status, headers (append false) and body', () => {
        const response = decoded(denied);
        assert.equal(response.status?.code, 16);
        assert.equal(response.httpResponse.case, 'deniedResponse');
        const denial = response.httpResponse.value;
        assert.equal(denial.status?.code, 401);
        assert.deepEqual(denial.headers.map((h) => [h.header?.key, h.header?.value, h.append]), [['www-authenticate', 'Bearer', false]]);
        assert.equal(denial.body, 'token required\n');
    });
    it('encodes exactly the message checkResponse builds', () => {
        const bare = { ...denied, denial: { headers: [], body: '' }, metadata: { why: 'audit' } };
        for (const d of [plainAllow, shapedAllow, denied, bare, { ...plainAllow, metadata: { a: [1, 'b', null, true] } }]) {
            assert.ok(equals(CheckResponseSchema, decoded(d), checkResponse(d)), JSON.stringify(d));
        }
    });
});
describe('httpAnswer', () => {
    it('allows with exactly 200, the upstream and client headers, and the removal header', () => {
        assert.deepEqual(httpAnswer(plainAllow), { status: 200, headers: [], body: '' });
        const answer = httpAnswer(shapedAllow);
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.headers, [
            ['x-user', 'alice'],
            ['x-trace', 'kgate'],
            ['x-served-by', 'kgate'],
            ['set-cookie', 'a=1'],
            [HEADERS_TO_REMOVE, 'authorization'],
        ]);
    });
    it('denies with the decision status, headers and body', () => {
        assert.deepEqual(httpAnswer(denied), { status: 401, headers: [['www-authenticate', 'Bearer']], body: 'token required\n' });
    });
    it('never denies with a 5xx (Envoy would call it an error and might fail open)', () => {
        assert.equal(httpAnswer({ ...denied, httpStatus: 503 }).status, 403);
        assert.equal(httpAnswer({ ...denied, httpStatus: 302 }).status, 302);
    });
});
//# sourceMappingURL=response.test.js.map