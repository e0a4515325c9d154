import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64UrlDecode, base64UrlEncode } from '../../src/engine/functions/base64url.js';
import { EvaluationError } from '../../src/engine/types.js';
import { testEnv } from './env.js';
const encode = (value) => base64UrlEncode.impl([value], testEnv());
const decode = (value) => base64UrlDecode.impl([value], testEnv());
test('encodes UTF-8 text with the URL alphabet and no padding', () => {
    assert.equal(encode('subjects?>>'), 'c3ViamVjdHM_Pj4');
    assert.equal(encode('é'), 'w6k');
    assert.equal(encode(''), '');
});
test('decodes with or without padding', () => {
    assert.equal(decode('c3ViamVjdHM_Pj4'), 'subjects?>>');
    assert.equal(decode('YWJjZA'), 'abcd');
    assert.equal(decode('YWJjZA=='), 'abcd');
    assert.equal(decode(encode('{"sub":"alice"}')), '{"sub":"alice"}');
});
test('refuses the standard alphabet, stray characters and non-strings', () => {
    for (const bad of ['c3ViamVjdHM/Pj4', 'YW Jj', 'a', 'YW!J']) {
        assert.throws(() => decode(bad), (e) => e instanceof EvaluationError && e.message === 'value is not URL-safe base64', bad);
    }
    assert.throws(() => encode(5), /value must be a string, got number/);
    assert.throws(() => decode(null), /value must be a string, got null/);
});
//# sourceMappingURL=base64url.test.js.map