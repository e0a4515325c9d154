// `kgate inject`: PostHTTPListenerModify offline. Reads listeners in Envoy
// Gateway's protobuf-JSON/YAML form and prints them as the hook would return
// them; a summary of where the kgate filter went goes to stderr.
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { createCompilers } from '../engine/compilers/index.js';
import { compilePolicies } from '../engine/policy/load.js';
import { EvaluationError, PolicyError } from '../engine/types.js';
import { hookConfigFrom, hookFlagOptions, hookFlagsUsage } from './hook-flags.js';
import { injectListenerJson } from '../hooks/listener-json.js';
import { listPolicyFiles } from '../policies/files.js';
import { parseFlags, runCommand, UsageError } from './args.js';
const usage = `usage: kgate inject --listener FILE --policy PATH... [--output yaml|json] [flags]

Runs Envoy Gateway's PostHTTPListenerModify hook offline: prints the listener(s)
in FILE (protobuf JSON or YAML, one listener or a list) with kgate's ext_authz
filter in the HTTP connection managers the policies scope to. Policies without
targetRefs count as Gateway-wide. Exit 0 on success, 2 on any error.

  --listener FILE      listener file (Envoy Gateway's xDS protobuf-JSON form)
  --policy PATH        policy file or folder (repeatable)
  --output FORMAT      yaml (default) or json

${hookFlagsUsage}`;
const options = {
    listener: { type: 'string' },
    policy: { type: 'string', multiple: true },
    output: { type: 'string', default: 'yaml' },
    help: { type: 'boolean', short: 'h' },
    ...hookFlagOptions,
};
export function run(argv) {
    return runCommand('inject', usage, async () => {
        const flags = parseFlags(argv, options);
        if (flags.help) {
            process.stdout.write(usage);
            return 0;
        }
        if (!flags.listener)
            throw new UsageError('--listener is required');
        if (flags.output !== 'yaml' && flags.output !== 'json')
            throw new UsageError(`--output must be yaml or json, got ${JSON.stringify(flags.output)}`);
        const config = hookConfigFrom(flags);
        try {
            const policies = loadPolicies(flags.policy ?? [], createCompilers(offlineEnv));
            const { listeners, single } = readListeners(flags.listener);
            const out = listeners.map((listener) => {
                const result = injectListenerJson(listener, policies, config);
                for (const { chain, plan } of result.filtered) {
                    process.stderr.write(`kgate inject: ${JSON.stringify(listener.name ?? '')} chain ${JSON.stringify(chain)}: sections [${plan.sections.join(', ')}], policies [${plan.policies.join(', ')}]\n`);
                }
                return result.listener;
            });
            const value = single ? out[0] : out;
            process.stdout.write(flags.output === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value));
            return 0;
        }
        catch (error) {
            if (!(error instanceof PolicyError || error instanceof InputError || isFileError(error)))
                throw error;
            process.stderr.write(`kgate inject: ${error.message}\n`);
            return 2;
        }
    });
}
class InputError extends Error {
}
function loadPolicies(paths, compilers) {
    return paths.flatMap(listPolicyFiles).flatMap((file) => compilePolicies(readFileSync(file, 'utf8'), file, compilers));
}
function readListeners(file) {
    let value;
    try {
        value = parse(readFileSync(file, 'utf8'));
    }
    catch (error) {
        if (isFileError(error))
            throw error;
        throw new InputError(`${file}: not YAML or JSON: ${error.message}`);
    }
    const list = Array.isArray(value) ? value : [value];
    list.forEach((item, i) => {
        if (item === null || typeof item !== 'object' || Array.isArray(item))
            throw new InputError(`${file}: item ${i}: a listener must be an object`);
    });
    return { listeners: list, single: !Array.isArray(value) };
}
function isFileError(error) {
    return error instanceof Error && typeof error.code === 'string' && 'path' in error;
}
/** Policies are compiled, never evaluated, here: no clock or keys are needed. */
const offlineEnv = {
    now: () => Date.now(),
    keys: {
        jwks: () => {
            throw new EvaluationError('kgate inject does not evaluate policies');
        },
        file: () => {
            throw new EvaluationError('kgate inject does not evaluate policies');
        },
    },
};
//# sourceMappingURL=inject.js.map