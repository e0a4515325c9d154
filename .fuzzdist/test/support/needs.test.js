import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lazy, needsGenerated, needsShared } from './needs.js';
describe('inputs from outside the repository', () => {
    it('a missing ../shared path or generated file fails naming it and what to do', () => {
        const cwd = process.cwd();
        process.chdir(mkdtempSync(join(tmpdir(), 'kgate-needs-')));
        try {
            assert.throws(() => needsShared('conformance/kyverno-json-scan'), /^Error: needs \.\.\/shared\/conformance\/kyverno-json-scan: clone the shared folder beside the repository/);
            assert.throws(() => needsGenerated('build/envoy-descriptors.binpb'), /^Error: needs build\/envoy-descriptors\.binpb: run `npm run generate`/);
        }
        finally {
            process.chdir(cwd);
        }
        assert.equal(needsShared('conformance'), join('..', 'shared', 'conformance'), 'present beside this checkout');
    });
    it('lazy loads once, on first use', () => {
        let loads = 0;
        const value = lazy(() => ++loads);
        assert.equal(loads, 0);
        assert.equal(value(), 1);
        assert.equal(value(), 1);
    });
});
//# sourceMappingURL=needs.test.js.map