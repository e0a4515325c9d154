// Every policy a reader can copy compiles: each fenced yaml block of
// docs/*.md and README.md, and each policy document under examples/.
// Fragments (a `context:` or spec part, a list of assertions) are placed in
// a minimal AuthorizationPolicy first. Issue 8, item 10: the jwtVerify
// example of docs/functions.md was refused (a `>-` scalar whose more-indented
// continuation keeps its line break, as YAML 1.2 says).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments, stringify } from 'yaml';
import { compilePolicies } from '../../src/engine/policy/load.js';
import { ROOT } from '../authz/support/server.js';
import { testCompilers } from '../hooks/support/harness.js';

const POLICY_KINDS = new Set(['AuthorizationPolicy', 'ValidatingPolicy', 'PolicyException']);
const POLICY_GROUPS = /^(kgate\.dev|json\.kyverno\.io|policies\.kyverno\.io)\//;
const SPEC_PARTS = new Set(['context', 'rules', 'allow', 'targetRefs', 'failurePolicy', 'mode', 'compiler']);

interface Example {
  readonly where: string;
  readonly text: string;
}

/** A document as a policy text, or undefined when it is neither a policy nor a policy fragment. */
function asPolicy(value: unknown): string | undefined {
  const policy = (spec: Record<string, unknown>) =>
    stringify({
      apiVersion: 'kgate.dev/v1alpha1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'example' },
      spec: { rules: [{ name: 'example', assert: { all: [{ check: { request: { http: { method: 'GET' } } } }] } }], ...spec },
    });
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'object' && item !== null && 'check' in item)) {
    return policy({ rules: [{ name: 'example', assert: { all: value } }] });
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.apiVersion === 'string' && POLICY_GROUPS.test(record.apiVersion) && POLICY_KINDS.has(String(record.kind))) return stringify(record);
  const keys = Object.keys(record);
  return keys.length > 0 && keys.every((key) => SPEC_PARTS.has(key)) ? policy(record) : undefined;
}

function examples(): Example[] {
  const found: Example[] = [];
  const markdown = [...readdirSync(join(ROOT, 'docs')).map((f) => join('docs', f)), 'README.md'].filter((f) => f.endsWith('.md'));
  for (const file of markdown) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const match of text.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)) {
      const line = text.slice(0, match.index).split('\n').length;
      found.push({ where: `${file}:${line}`, text: match[1]! });
    }
  }
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) found.push({ where: path, text: readFileSync(join(ROOT, path), 'utf8') });
    }
  };
  walk('examples');
  return found;
}

describe('policy examples in docs/ and examples/', () => {
  it('every one compiles', () => {
    const compiled: string[] = [];
    for (const { where, text } of examples()) {
      parseAllDocuments(text).forEach((doc, i) => {
        assert.deepEqual(doc.errors, [], `${where}: document ${i + 1} is not valid YAML`);
        const policy = asPolicy(doc.toJS());
        if (policy === undefined) return;
        assert.doesNotThrow(() => compilePolicies(policy, `${where} (document ${i + 1})`, testCompilers), `${where}: document ${i + 1}`);
        compiled.push(`${where}#${i + 1}`);
      });
    }
    // The ones a reader is most likely to copy are among them (the count only grows).
    for (const expected of ['docs/functions.md:', 'docs/policy.md:', 'README.md:', 'examples/books/kgate/policy.yaml#']) {
      assert.ok(
        compiled.some((c) => c.startsWith(expected)),
        `${expected} checked (checked: ${compiled.map((c) => relative('.', c)).join(', ')})`,
      );
    }
    assert.ok(compiled.filter((c) => c.startsWith('docs/functions.md:')).length >= 3, 'the function examples, the jwtVerify one among them');
    assert.ok(compiled.length >= 11, `policy examples compiled: ${compiled.length}`);
  });
});
