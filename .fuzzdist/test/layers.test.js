// docs/architecture.md's import rule, checked on the source: each folder of
// src/ imports only the folders below it, and the engine does no I/O.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
const SRC = 'src';
/** The folders each folder of src/ may import (besides itself). */
const MAY_IMPORT = {
    engine: [],
    keys: ['engine'],
    policies: ['engine', 'runtime'],
    runtime: [],
    authz: ['engine', 'policies', 'runtime', 'gen'],
    hooks: ['engine', 'policies', 'runtime', 'gen'],
    cli: ['engine', 'keys', 'policies', 'runtime', 'authz', 'hooks', 'gen'],
    gen: [],
};
/** Node modules that do I/O: the engine is pure. */
const IO_MODULES = /^node:(fs|fs\/promises|http|http2|https|net|dgram|child_process|worker_threads|tls)$/;
/** Named exceptions: what they use of an I/O module is pure. */
const PURE_USE = { [join('src', 'engine', 'functions', 'cidr.ts')]: 'node:net' /* isIP, BlockList: address matching, no socket */ };
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
function* sources(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory())
            yield* sources(path);
        else if (entry.name.endsWith('.ts'))
            yield path;
    }
}
function imports(file) {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2]));
}
const folderOf = (file) => relative(SRC, file).split(sep)[0];
test('every import in src/ follows the layer table', () => {
    const wrong = [];
    let checked = 0;
    for (const file of sources(SRC)) {
        const from = folderOf(file);
        const allowed = MAY_IMPORT[from];
        if (!allowed) {
            wrong.push(`${file}: folder src/${from} is not in the layer table (docs/architecture.md)`);
            continue;
        }
        for (const specifier of imports(file)) {
            checked++;
            if (from === 'engine' && IO_MODULES.test(specifier) && PURE_USE[file] !== specifier)
                wrong.push(`${file}: the engine imports ${specifier} (no I/O in the engine)`);
            if (!specifier.startsWith('.'))
                continue;
            const to = folderOf(resolve(dirname(file), specifier).slice(resolve().length + 1));
            if (to !== from && !allowed.includes(to))
                wrong.push(`${file}: src/${from} imports src/${to} (${specifier})`);
        }
    }
    assert.ok(checked > 300, `only ${checked} imports read: the scan is broken`);
    assert.deepEqual(wrong, []);
});
test('the check catches an upward import', () => {
    assert.deepEqual(imports(join(SRC, 'hooks', 'service.ts')).filter((s) => s.includes('/authz/') || s.includes('/cli/')), []);
    assert.ok(!MAY_IMPORT.hooks.includes('authz') && !MAY_IMPORT.hooks.includes('cli'));
    assert.equal(folderOf(resolve(dirname(join(SRC, 'hooks', 'service.ts')), '../authz/server.js').slice(resolve().length + 1)), 'authz');
});
//# sourceMappingURL=layers.test.js.map