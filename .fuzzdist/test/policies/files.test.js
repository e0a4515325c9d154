// Listing policy files: a ConfigMap mount's layout yields each file once.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listPolicyFiles } from '../../src/policies/files.js';
describe('listPolicyFiles', () => {
    it('reads a Kubernetes ConfigMap mount once per file', () => {
        const dir = mkdtempSync(join(tmpdir(), 'kgate-configmap-'));
        const stamped = '..2026_12_02_04_50_00.123456789';
        mkdirSync(join(dir, stamped));
        writeFileSync(join(dir, stamped, 'books.yaml'), 'apiVersion: kgate.dev/v1alpha1\n');
        symlinkSync(stamped, join(dir, '..data'));
        symlinkSync(join('..data', 'books.yaml'), join(dir, 'books.yaml'));
        assert.deepEqual(listPolicyFiles(dir), [join(dir, 'books.yaml')]);
    });
    it('lists nested folders in sorted order and keeps only policy extensions', () => {
        const dir = mkdtempSync(join(tmpdir(), 'kgate-files-'));
        mkdirSync(join(dir, 'b'));
        writeFileSync(join(dir, 'b', 'x.json'), '{}');
        writeFileSync(join(dir, 'a.yml'), '');
        writeFileSync(join(dir, 'notes.txt'), '');
        assert.deepEqual(listPolicyFiles(dir), [join(dir, 'a.yml'), join(dir, 'b', 'x.json')]);
    });
});
//# sourceMappingURL=files.test.js.map