import { performance } from 'node:perf_hooks';
import { authorize } from '../../../src/engine/authorize.js';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import { compilePolicies } from '../../../src/engine/policy/load.js';
const noKeys = {
    jwks: (url) => Promise.reject(new Error(`no key sets in tests (${url})`)),
    file: (path) => Promise.reject(new Error(`no key files in tests (${path})`)),
};
export const compilers = createCompilers({ now: () => Date.parse('2026-11-23T10:00:00Z'), keys: noKeys });
export function policies(yaml, source = 'policy.yaml') {
    return compilePolicies(yaml, source, compilers);
}
/** A minimal AttributeContext JSON. */
export function request(method, path, headers = {}) {
    return { request: { http: { method, path, host: 'example.com', headers: { ':method': method, ':path': path, ...headers } } } };
}
export function decide(compiled, attributes, options = {}) {
    return authorize(compiled, { attributes, ...(options.bindings ? { bindings: options.bindings } : {}) }, options.deadline === undefined ? {} : { deadline: options.deadline });
}
export const past = () => performance.now() - 1;
//# sourceMappingURL=helpers.js.map