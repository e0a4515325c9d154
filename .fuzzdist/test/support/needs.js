// Inputs some tests read that are not in the repository: the shared folder
// cloned beside it (../shared: Envoy Gateway fixtures, kyverno-json's
// conformance cases) and files `npm run generate` writes (build/). A missing
// one fails the tests that need it with what to do, not with a bare ENOENT
// at import.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
/** `../shared/<path>`, which must exist. */
export function needsShared(path) {
    const full = join('..', 'shared', path);
    if (!existsSync(full))
        throw new Error(`needs ../shared/${path}: clone the shared folder beside the repository (see CONTRIBUTING.md)`);
    return full;
}
/** A file `npm run generate` writes (relative to the repository), which must exist. */
export function needsGenerated(path) {
    if (!existsSync(path))
        throw new Error(`needs ${path}: run \`npm run generate\` (or \`npm ci\`, which runs it)`);
    return path;
}
/** The value of `load()`, computed on first use: a test file that needs a missing input still loads, and only its tests that use it fail. */
export function lazy(load) {
    let value;
    return () => (value ??= { v: load() }).v;
}
//# sourceMappingURL=needs.js.map