import { performance } from 'node:perf_hooks';
import { authorize } from '../../../src/engine/authorize.js';
import type { Bindings } from '../../../src/engine/bindings.js';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import type { Decision } from '../../../src/engine/decision.js';
import { compilePolicies } from '../../../src/engine/policy/load.js';
import type { CompiledPolicy } from '../../../src/engine/policy/policy.js';
import type { KeyResolver } from '../../../src/engine/types.js';

const noKeys: KeyResolver = {
  jwks: (url) => Promise.reject(new Error(`no key sets in tests (${url})`)),
  file: (path) => Promise.reject(new Error(`no key files in tests (${path})`)),
};

export const compilers = createCompilers({ now: () => Date.parse('2026-11-23T10:00:00Z'), keys: noKeys });

export function policies(yaml: string, source = 'policy.yaml'): CompiledPolicy[] {
  return compilePolicies(yaml, source, compilers);
}

/** A minimal AttributeContext JSON. */
export function request(method: string, path: string, headers: Record<string, string> = {}): unknown {
  return { request: { http: { method, path, host: 'example.com', headers: { ':method': method, ':path': path, ...headers } } } };
}

export function decide(compiled: CompiledPolicy[], attributes: unknown, options: { deadline?: number; bindings?: Bindings } = {}): Promise<Decision> {
  return authorize(
    compiled,
    { attributes, ...(options.bindings ? { bindings: options.bindings } : {}) },
    options.deadline === undefined ? {} : { deadline: options.deadline },
  );
}

export const past = () => performance.now() - 1;
