// kyverno-json's own scan cases (../shared/conformance/kyverno-json-scan),
// run through the real CLI: stdout must match kyverno-json's byte for byte.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsShared } from '../support/needs.js';

const CASES = needsShared(join('conformance', 'kyverno-json-scan'));

interface Case {
  readonly name: string;
  readonly args: string[];
  readonly expected: string;
}

function cases(): Case[] {
  return readFileSync(join(CASES, 'CASES.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name = '', payload = '', policies = '', preProcess = '-', bindings = '-', expected = ''] = line.split('\t');
      const args = ['--payload', payload, ...policies.split(',').flatMap((p) => ['--policy', p])];
      if (preProcess !== '-') args.push('--pre-process', preProcess);
      if (bindings !== '-') args.push('--bindings', bindings);
      return { name, args, expected: readFileSync(join(CASES, expected), 'utf8') };
    });
}

function scan(args: string[]) {
  return spawnSync(process.execPath, [join(process.cwd(), 'bin', 'kgate'), 'scan', ...args], { cwd: CASES, encoding: 'utf8' });
}

const all = cases();

test('the case table is read', () => {
  assert.ok(all.length >= 18, `only ${all.length} cases`);
});

for (const c of all) {
  test(`scan ${c.name} prints what kyverno-json prints`, () => {
    const result = scan(c.args);
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
    assert.equal(result.stdout, c.expected);
  });
}
