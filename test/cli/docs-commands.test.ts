// Every `bin/kgate ...` command the README and the CLI docs show runs as
// written against the bundled examples: a renamed example, flag or file shows
// up here instead of in a user's terminal. `serve` is left out (it does not
// return); it is run by `npm start` and test/cli/serve.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');
const docs = ['README.md', 'docs/cel.md', 'docs/testing.md', 'docs/kyverno-json.md', 'docs/policy.md'];

/** The `bin/kgate` lines of a Markdown file's ```sh blocks, without trailing comments. */
function commands(file: string): string[] {
  const blocks = readFileSync(join(root, file), 'utf8').match(/^```sh\n[\s\S]*?^```$/gm) ?? [];
  return blocks
    .flatMap((b) => b.split('\n'))
    .filter((l) => l.startsWith('bin/kgate ') && !l.startsWith('bin/kgate serve '))
    .map((l) => l.replace(/\s+#.*$/, ''));
}

/** A one-command ```sh block followed at once by a plain block: the command and the output the docs promise. */
function outputs(file: string): [string, string][] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^```sh\n(bin\/kgate [^\n]*)\n```\n\n```\n([\s\S]*?)^```$/gm)].map((m) => [m[1]!, m[2]!]);
}

describe('commands shown in the docs', () => {
  test('the docs show commands', () => {
    assert.ok(docs.flatMap(commands).length >= 8, docs.flatMap(commands).join('\n'));
  });
  for (const file of docs) {
    for (const command of commands(file)) {
      test(`${file}: ${command}`, () => {
        // Through sh, so that the globs the docs write expand as in a user's shell.
        const r = spawnSync('sh', ['-c', command], { cwd: root, encoding: 'utf8', timeout: 30_000 });
        const out = `${r.stdout}\n${r.stderr}`;
        // 0 or 1 (a denial, a failed case) are answers; 2, a signal or a load error is the command not running as shown.
        assert.ok(r.status === 0 || r.status === 1, `exit ${r.status} ${r.signal ?? ''}\n${out}`);
        assert.doesNotMatch(r.stderr, /^Error: |cannot load|no such file|ENOENT|usage:/m, out);
        assert.doesNotMatch(r.stdout, /^FAIL /m, out);
      });
    }
    for (const [command, output] of outputs(file)) {
      test(`${file}: ${command} prints what the docs show`, () => {
        const r = spawnSync('sh', ['-c', command], { cwd: root, encoding: 'utf8', timeout: 30_000 });
        assert.equal(r.stdout, output);
      });
    }
  }
  test('docs/kyverno-json.md shows a scan with its output', () => {
    assert.equal(outputs('docs/kyverno-json.md').length, 1);
  });
});
