import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCidrContains } from '../../src/engine/functions/cidr.js';
import { EvaluationError } from '../../src/engine/types.js';
import { testEnv } from './env.js';
const cidrContains = createCidrContains();
const contains = (cidr, ip) => cidrContains.impl([cidr, ip], testEnv());
test('IPv4 networks', () => {
    assert.equal(contains('10.0.0.0/8', '10.255.1.2'), true);
    assert.equal(contains('10.0.0.0/8', '11.0.0.1'), false);
    assert.equal(contains('192.168.1.0/24', '192.168.1.255'), true);
    assert.equal(contains('192.168.1.0/24', '192.168.2.0'), false);
    assert.equal(contains('0.0.0.0/0', '203.0.113.9'), true);
    assert.equal(contains('203.0.113.9', '203.0.113.9'), true);
    assert.equal(contains('203.0.113.9/32', '203.0.113.8'), false);
});
test('IPv6 networks, and IPv4-mapped IPv6 addresses in IPv4 networks', () => {
    assert.equal(contains('2001:db8::/32', '2001:db8:1::1'), true);
    assert.equal(contains('2001:db8::/32', '2001:db9::1'), false);
    assert.equal(contains('::1/128', '::1'), true);
    assert.equal(contains('10.0.0.0/8', '::ffff:10.1.2.3'), true);
    assert.equal(contains('10.0.0.0/8', '2001:db8::1'), false);
    assert.equal(contains('2001:db8::/32', '10.0.0.1'), false);
});
test('a list of networks matches when any does', () => {
    assert.equal(contains(['10.0.0.0/8', '192.168.0.0/16'], '192.168.3.4'), true);
    assert.equal(contains(['10.0.0.0/8', '192.168.0.0/16'], '172.16.0.1'), false);
    assert.equal(contains([], '10.0.0.1'), false);
});
test('bad networks, bad addresses and wrong types are errors', () => {
    const fails = (cidr, ip, message) => assert.throws(() => contains(cidr, ip), (e) => e instanceof EvaluationError && message.test(e.message));
    fails('10.0.0.0/33', '10.0.0.1', /^cidr: not an IPv4 or IPv6 network: "10.0.0.0\/33"$/);
    fails('10.0.0/8', '10.0.0.1', /not an IPv4 or IPv6 network/);
    fails('10.0.0.0/8/1', '10.0.0.1', /not an IPv4 or IPv6 network/);
    fails('10.0.0.0/x', '10.0.0.1', /not an IPv4 or IPv6 network/);
    fails('2001:db8::/129', '::1', /not an IPv4 or IPv6 network/);
    fails('10.0.0.0/8', '10.0.0', /^ip: not an IPv4 or IPv6 address: "10.0.0"$/);
    fails('10.0.0.0/8', null, /^ip must be a string, got null$/);
    fails(5, '10.0.0.1', /^cidr must be a string or an array of strings, got number$/);
    fails(['10.0.0.0/8', 5], '10.0.0.1', /^cidr must be a string or an array of strings, got array$/);
});
//# sourceMappingURL=cidr.test.js.map