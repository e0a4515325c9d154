import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kyvernoJsonataFunctions } from '../../../src/engine/functions/index.js';
import { testEnv } from './env.js';
const byName = new Map(kyvernoJsonataFunctions.map((fn) => [fn.jsonata, fn]));
const call = (name, ...args) => byName.get(name).impl(args, testEnv(Date.UTC(2024, 2, 4, 5, 6, 7)));
test('JSONata names are the Kyverno names in lowerCamelCase', () => {
    assert.deepEqual(kyvernoJsonataFunctions.map((fn) => `${fn.jp}=${fn.jsonata}`), [
        'wildcard=wildcard',
        'time_now=timeNow',
        'time_now_utc=timeNowUtc',
        'time_since=timeSince',
        'time_parse=timeParse',
        'time_add=timeAdd',
        'time_utc=timeUtc',
        'time_diff=timeDiff',
        'time_before=timeBefore',
        'time_after=timeAfter',
        'time_between=timeBetween',
        'time_truncate=timeTruncate',
        'time_to_cron=timeToCron',
    ]);
});
test("wildcard is Kyverno's: * any run, ? one character", () => {
    assert.equal(byName.get('wildcard').jp, 'wildcard');
    assert.equal(call('wildcard', '*.example.com', 'api.example.com'), true);
    assert.equal(call('wildcard', 'v?', 'v1'), true);
    assert.equal(call('wildcard', 'v?', 'v10'), false);
    assert.throws(() => call('wildcard', null, 'x'), /pattern must be a string, got null/);
});
test("time functions read the FunctionEnv clock and Kyverno's formats", () => {
    assert.equal(call('timeNow'), '2024-03-04T05:06:07Z');
    assert.equal(call('timeNowUtc'), '2024-03-04T05:06:07Z');
    assert.equal(call('timeSince', '', '2024-03-04T05:00:00Z', ''), '6m7s');
    assert.equal(call('timeAdd', '2024-03-04T05:06:07Z', '1h30m'), '2024-03-04T06:36:07Z');
    assert.equal(call('timeBefore', '2024-03-04T05:06:07Z', '2024-03-05T00:00:00Z'), true);
    assert.equal(call('timeBetween', '2024-03-04T05:06:07Z', '2024-03-04T00:00:00Z', '2024-03-05T00:00:00Z'), true);
    assert.equal(call('timeDiff', '2024-03-04T05:06:07Z', '2024-03-04T06:06:07Z'), '1h0m0s');
    assert.throws(() => call('timeAdd', 5, '1h'), /time must be a string, got number/);
});
//# sourceMappingURL=kyverno-jsonata.test.js.map