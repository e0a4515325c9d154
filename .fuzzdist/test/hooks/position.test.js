import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { insertionIndex } from '../../src/hooks/position.js';
const TYPE = 'type.googleapis.com/envoy.extensions.filters.http.';
const f = (name, typeUrl = '') => ({ name, typeUrl });
const jwt = f('envoy.filters.http.jwt_authn');
const cors = f('envoy.filters.http.cors');
const ratelimit = f('envoy.filters.http.ratelimit/ns/policy');
const local = f('envoy.filters.http.local_ratelimit');
const router = f('envoy.filters.http.router');
const auto = { kind: 'auto' };
describe('insertionIndex', () => {
    it('auto: right after the last jwt_authn', () => {
        assert.equal(insertionIndex([cors, jwt, ratelimit, router], auto), 2);
        assert.equal(insertionIndex([jwt, f('envoy.filters.http.jwt_authn/second'), router], auto), 2);
    });
    it('auto without jwt_authn: before the first rate-limit filter, else before the router', () => {
        assert.equal(insertionIndex([cors, local, ratelimit, router], auto), 1);
        assert.equal(insertionIndex([cors, ratelimit, router], auto), 1);
        assert.equal(insertionIndex([cors, router], auto), 1);
        assert.equal(insertionIndex([router], auto), 0);
        assert.equal(insertionIndex([cors], auto), 1);
        assert.equal(insertionIndex([], auto), 0);
    });
    it('recognises filters by typed_config type URL whatever their name', () => {
        const renamedJwt = f('my-jwt', `${TYPE}jwt_authn.v3.JwtAuthentication`);
        const renamedRouter = f('terminal', `${TYPE}router.v3.Router`);
        assert.equal(insertionIndex([cors, renamedJwt, renamedRouter], auto), 2);
        assert.equal(insertionIndex([cors, renamedRouter], { kind: 'before-router' }), 1);
    });
    it('first, before-router, before:/after: a named filter', () => {
        assert.equal(insertionIndex([cors, jwt, router], { kind: 'first' }), 0);
        assert.equal(insertionIndex([cors, jwt, ratelimit, router], { kind: 'before-router' }), 3);
        assert.equal(insertionIndex([cors, jwt, ratelimit, router], { kind: 'before', filter: 'envoy.filters.http.jwt_authn' }), 1);
        assert.equal(insertionIndex([cors, jwt, ratelimit, router], { kind: 'after', filter: 'envoy.filters.http.cors' }), 1);
        assert.equal(insertionIndex([cors, ratelimit, router], { kind: 'after', filter: 'envoy.filters.http.ratelimit' }), 2, 'name prefix before /');
    });
    it('a named filter that is absent falls back to auto', () => {
        assert.equal(insertionIndex([cors, jwt, router], { kind: 'after', filter: 'envoy.filters.http.lua' }), 2);
    });
    it('never after the router', () => {
        assert.equal(insertionIndex([cors, router], { kind: 'after', filter: 'envoy.filters.http.router' }), 1);
        assert.equal(insertionIndex([cors, router, f('stray')], { kind: 'before-router' }), 1);
    });
});
//# sourceMappingURL=position.test.js.map