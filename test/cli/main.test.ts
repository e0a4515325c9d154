// The entry point: `kgate --version` prints package.json's version.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');

describe('kgate', () => {
  it('--version prints the version in package.json', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const run = spawnSync(process.execPath, [join(root, 'bin', 'kgate'), '--version'], { encoding: 'utf8' });
    assert.deepEqual([run.status, run.stdout], [0, `kgate ${version}\n`]);
  });
});
