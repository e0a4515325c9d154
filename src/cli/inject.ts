// `kgate inject`: PostHTTPListenerModify offline. Reads listeners in Envoy
// Gateway's protobuf-JSON/YAML form and prints them as the hook would return
// them; a summary of where the kgate filter went goes to stderr.
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { JsonObject, JsonValue } from '@bufbuild/protobuf';
import { createCompilers } from '../engine/compilers/index.js';
import { compilePolicies } from '../engine/policy/load.js';
import type { CompiledPolicy } from '../engine/policy/policy.js';
import { EvaluationError, PolicyError, type Compilers } from '../engine/types.js';
import { hookConfigFrom, hookFlagOptions, hookFlagsUsage } from './hook-flags.js';
import { injectListenerJson } from '../hooks/listener-json.js';
import { modifyRouteJson } from '../hooks/route-json.js';
import { routeLabel } from '../engine/policy/targets.js';
import { listPolicyFiles } from '../policies/files.js';
import { parseFlags, runCommand, UsageError } from './args.js';

const usage = `usage: kgate inject (--listener FILE | --route FILE)... --policy PATH... [--output yaml|json] [flags]

Runs Envoy Gateway's PostHTTPListenerModify hook offline: prints the listener(s)
in FILE (protobuf JSON or YAML, one listener or a list) with kgate's ext_authz
filter in the HTTP connection managers the policies scope to. Policies without
targetRefs count as Gateway-wide. With --route, runs PostRouteModify on the routes
in FILE (xDS routes as EG generates them, with their envoy-gateway metadata): each
route that policies target (its HTTPRoute/GRPCRoute, or its rule) gets kgate's
per-route config; with both, the listeners are planned as in the same translation
(an HCM without Gateway policies gets the filter disabled when a route enabled it),
and the output is {listeners, routes}. Exit 0 on success, 2 on any error.

  --listener FILE      listener file (Envoy Gateway's xDS protobuf-JSON form)
  --route FILE         route file (envoy.config.route.v3.Route, one or a list)
  --policy PATH        policy file or folder (repeatable)
  --output FORMAT      yaml (default) or json

${hookFlagsUsage}`;

const options = {
  listener: { type: 'string' },
  route: { type: 'string' },
  policy: { type: 'string', multiple: true },
  output: { type: 'string', default: 'yaml' },
  help: { type: 'boolean', short: 'h' },
  ...hookFlagOptions,
} as const;

export function run(argv: string[]): Promise<number> {
  return runCommand('inject', usage, async () => {
    const flags = parseFlags(argv, options);
    if (flags.help) {
      process.stdout.write(usage);
      return 0;
    }
    if (!flags.listener && !flags.route) throw new UsageError('--listener or --route is required');
    if (flags.output !== 'yaml' && flags.output !== 'json') throw new UsageError(`--output must be yaml or json, got ${JSON.stringify(flags.output)}`);
    const config = hookConfigFrom(flags);
    try {
      const policies = loadPolicies(flags.policy ?? [], createCompilers(offlineEnv));
      const routes = flags.route ? readObjects(flags.route, 'route') : undefined;
      const routeOut = routes?.items.map((route) => {
        const change = modifyRouteJson(route, policies, config);
        if (change.policies.length > 0) {
          const object = change.identity ? ` (${routeLabel(change.identity)})` : '';
          process.stderr.write(`kgate inject: route ${JSON.stringify(change.name)}${object}: policies [${change.policies.join(', ')}]\n`);
        }
        return change;
      });
      const onRoutes = new Set(routeOut?.flatMap((r) => r.policies));
      const routePolicies = policies.filter((p) => onRoutes.has(p.id));
      const listeners = flags.listener ? readObjects(flags.listener, 'listener') : undefined;
      const listenerOut = listeners?.items.map((listener) => {
        const result = injectListenerJson(listener, policies, config, routePolicies);
        for (const { chain, plan } of result.filtered) {
          process.stderr.write(
            `kgate inject: ${JSON.stringify(listener.name ?? '')} chain ${JSON.stringify(chain)}: sections [${plan.sections.join(', ')}], policies [${plan.policies.join(', ')}]${plan.disabled ? ' (disabled: enabled per route)' : ''}\n`,
          );
        }
        return result.listener;
      });
      const shaped = <T>(read: { single: boolean } | undefined, out: T[] | undefined) => (read?.single ? out?.[0] : out);
      const routesValue = shaped(
        routes,
        routeOut?.map((r) => r.route),
      );
      const listenersValue = shaped(listeners, listenerOut);
      const value = routes && listeners ? { listeners: listenersValue, routes: routesValue } : (listenersValue ?? routesValue);
      process.stdout.write(flags.output === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value));
      return 0;
    } catch (error) {
      if (!(error instanceof PolicyError || error instanceof InputError || isFileError(error))) throw error;
      process.stderr.write(`kgate inject: ${(error as Error).message}\n`);
      return 2;
    }
  });
}

class InputError extends Error {}

function loadPolicies(paths: readonly string[], compilers: Compilers): CompiledPolicy[] {
  return paths.flatMap(listPolicyFiles).flatMap((file) => compilePolicies(readFileSync(file, 'utf8'), file, compilers));
}

function readObjects(file: string, what: string): { items: JsonObject[]; single: boolean } {
  let value: JsonValue;
  try {
    value = parse(readFileSync(file, 'utf8')) as JsonValue;
  } catch (error) {
    if (isFileError(error)) throw error;
    throw new InputError(`${file}: not YAML or JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(value) ? value : [value];
  list.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new InputError(`${file}: item ${i}: a ${what} must be an object`);
  });
  return { items: list as JsonObject[], single: !Array.isArray(value) };
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'path' in error;
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
