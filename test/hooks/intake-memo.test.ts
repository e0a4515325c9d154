// PolicyIntake remembers valid resource versions by their bytes (EG sends one route policy
// with each of a route's xds routes). The memo must decide exactly as compiling would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { PolicyIntake } from '../../src/hooks/intake.js';
import { testCompilers } from './support/harness.js';
import { policy } from './support/routes.js';

const bytes = (o: object) => new TextEncoder().encode(JSON.stringify(o));
const rule = (message: string) => ({ name: 'r', assert: { all: [{ message, check: { request: { http: { method: 'GET' } } } }] } });
const messageOf = (intake: PolicyIntake, resource: Uint8Array) => {
  const [p] = intake.read([resource], 'test');
  return p && JSON.stringify((p.document as { spec: unknown }).spec).match(/"message":"([^"]+)"/)?.[1];
};

describe('PolicyIntake memo', () => {
  it('byte-equal versions give the version they encode; a refused version gives the last valid one at that time', () => {
    const logs: unknown[] = [];
    const intake = new PolicyIntake(testCompilers, pino({ level: 'error' }, { write: (l: string) => void logs.push(JSON.parse(l)) }));
    const target = [{ kind: 'HTTPRoute', name: 'books' }];
    const v1 = bytes(policy('p', target, [rule('one')]));
    const v2 = bytes(policy('p', target, [rule('two')]));
    const broken = bytes(policy('p', target, [rule('three')], { rulez: [] }));
    assert.equal(messageOf(intake, v1), 'one');
    assert.equal(messageOf(intake, v1), 'one', 'from the memo');
    assert.equal(messageOf(intake, v2), 'two');
    assert.equal(messageOf(intake, broken), 'two', 'refused: the last valid version stays in force');
    assert.equal(messageOf(intake, v1), 'one', 'v1 again (memo): it is the version in force now');
    assert.equal(messageOf(intake, broken), 'one', 'refused again: the last valid is now v1');
    assert.equal(logs.length, 2, 'each time the refused version follows another, it is logged');
  });
});
