// Policies from the Kubernetes API: every replica lists and watches
// AuthorizationPolicy objects (and the Gateways their targetSelectors pick),
// compiles each object version once, and keeps the result in the store under
// the `kubernetes:` source. No replica depends on another or on Envoy Gateway's
// hook connection: the API server is the one truth all of them read.
// A refused version (compile error, unknown field) keeps the object's last valid
// version in force, as for files and hook resources, and is reported (log,
// metric, and the status reporter when one is given).
import { compilePolicyObject } from '../engine/policy/load.js';
import type { CompiledPolicy, TargetRef } from '../engine/policy/policy.js';
import { PolicyError, type Compilers } from '../engine/types.js';
import type { Logger } from '../runtime/logger.js';
import { Reflector, type KubeObject, type ReflectorStats, type ResourceApi } from './reflector.js';

/** What the source writes policies into (the policy store). */
export interface PolicySink {
  replaceKubernetes(policies: readonly CompiledPolicy[]): void;
}

/** A refused policy version, or one accepted again after a refusal: for the status reporter. */
export interface PolicyVerdict {
  readonly object: KubeObject;
  /** Undefined: compiled and in force. */
  readonly error?: { readonly path?: string; readonly reason: string };
  readonly lastValidInForce: boolean;
}

export interface KubernetesPoliciesOptions {
  /** One API per namespace watched (or one for all namespaces). */
  readonly policyApis: readonly ResourceApi[];
  readonly gatewayApis: readonly ResourceApi[];
  readonly compilers: Compilers;
  readonly sink: PolicySink;
  readonly logger: Logger;
  readonly onLoadError?: () => void;
  readonly onVerdict?: (verdict: PolicyVerdict) => void;
  readonly quietMs?: number;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly listTimeoutMs?: number;
}

interface Compiled {
  readonly key: string;
  readonly uid: string | undefined;
  readonly result: CompiledPolicy | Error;
}

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

export class KubernetesPolicies {
  private readonly policyReflectors: Reflector[];
  private readonly gatewayReflectors: Reflector[];
  private readonly policyViews = new Map<Reflector, ReadonlyMap<string, KubeObject>>();
  private readonly gatewayViews = new Map<Reflector, ReadonlyMap<string, KubeObject>>();
  private readonly compiled = new Map<string, Compiled>();
  private readonly lastValid = new Map<string, CompiledPolicy>();
  private readonly logger: Logger;
  private syncedOnce = false;

  constructor(private readonly options: KubernetesPoliciesOptions) {
    this.logger = options.logger.child({ component: 'kubernetes' });
    const reflector = (api: ResourceApi, views: Map<Reflector, ReadonlyMap<string, KubeObject>>) => {
      const r: Reflector = new Reflector({
        api,
        logger: options.logger,
        onChange: (objects) => {
          views.set(r, objects);
          this.rebuild();
        },
        ...(options.quietMs === undefined ? {} : { quietMs: options.quietMs }),
        ...(options.minBackoffMs === undefined ? {} : { minBackoffMs: options.minBackoffMs }),
        ...(options.maxBackoffMs === undefined ? {} : { maxBackoffMs: options.maxBackoffMs }),
        ...(options.listTimeoutMs === undefined ? {} : { listTimeoutMs: options.listTimeoutMs }),
      });
      return r;
    };
    this.policyReflectors = options.policyApis.map((api) => reflector(api, this.policyViews));
    this.gatewayReflectors = options.gatewayApis.map((api) => reflector(api, this.gatewayViews));
  }

  start(): void {
    for (const r of this.all()) r.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.all().map((r) => r.stop()));
  }

  /** Every watched kind has completed one full list: the policies are the cluster's, not a partial view. */
  get synced(): boolean {
    return this.all().every((r) => r.stats().synced);
  }

  stats(): { policies: ReflectorStats[]; gateways: ReflectorStats[] } {
    return { policies: this.policyReflectors.map((r) => r.stats()), gateways: this.gatewayReflectors.map((r) => r.stats()) };
  }

  private all(): Reflector[] {
    return [...this.policyReflectors, ...this.gatewayReflectors];
  }

  /**
   * The store's `kubernetes:` source from the current views. Until every kind has
   * listed once, nothing is written: a policy whose Gateways are not listed yet
   * would be missing, and that is a fail-open.
   */
  private rebuild(): void {
    if (!this.synced) return;
    const gateways = [...this.gatewayViews.values()].flatMap((view) => [...view.values()]);
    const policies: CompiledPolicy[] = [];
    const present = new Set<string>();
    for (const view of this.policyViews.values()) {
      for (const [key, object] of view) {
        present.add(key);
        const policy = this.compile(key, object);
        if (!policy) continue;
        const attached = attach(policy, gateways);
        if (attached) policies.push(attached);
      }
    }
    for (const key of [...this.compiled.keys()]) {
      if (present.has(key)) continue;
      this.compiled.delete(key);
      this.lastValid.delete(key);
      this.logger.info({ policy: key }, 'policy deleted: no longer enforced');
    }
    this.options.sink.replaceKubernetes(policies);
    if (!this.syncedOnce) {
      this.syncedOnce = true;
      this.logger.info({ policies: policies.map((p) => p.id) }, 'policies listed from the Kubernetes API: ready');
    }
  }

  /** The object's policy: this version compiled (once), else its last valid version, else none. */
  private compile(key: string, object: KubeObject): CompiledPolicy | undefined {
    const contentKey = JSON.stringify([object.metadata.uid, object.apiVersion, object.kind, object.spec]);
    const seen = this.compiled.get(key);
    if (seen?.key === contentKey) return seen.result instanceof Error ? this.lastValid.get(key) : seen.result;
    const result = compileObject(object, key, this.options.compilers);
    this.compiled.set(key, { key: contentKey, uid: object.metadata.uid, result });
    if (!(result instanceof Error)) {
      const wasRefused = seen?.result instanceof Error;
      this.lastValid.set(key, result);
      if (seen === undefined || wasRefused) this.options.onVerdict?.({ object, lastValidInForce: true });
      this.logger.info({ policy: key, generation: object.metadata.generation }, 'policy loaded');
      return result;
    }
    // A new uid is a new object: the previous object's version does not carry over.
    if (seen && seen.uid !== object.metadata.uid) this.lastValid.delete(key);
    const previous = this.lastValid.get(key);
    this.options.onLoadError?.();
    const error = result instanceof PolicyError ? { path: result.path, reason: result.reason } : { reason: result.message };
    this.logger.error({ policy: key, generation: object.metadata.generation, ...error, lastValidInForce: previous !== undefined }, 'policy refused');
    this.options.onVerdict?.({ object, error, lastValidInForce: previous !== undefined });
    return previous;
  }
}

function compileObject(object: KubeObject, key: string, compilers: Compilers): CompiledPolicy | Error {
  const source = `AuthorizationPolicy ${key}`;
  try {
    const policy = compilePolicyObject(object, source, compilers);
    if (policy.targetRefs.length === 0 && !policy.targetSelectors) {
      throw new PolicyError(
        source,
        'spec.targetRefs',
        'no targets: a policy attaches to Gateways through spec.targetRefs, spec.targetRef or spec.targetSelectors',
      );
    }
    return policy;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The policy as the store selects it: targetSelectors resolved to the Gateways of the
 * policy's namespace whose labels they match (as Envoy Gateway resolves them), added to its
 * targetRefs. Undefined when it attaches to no Gateway: without targets a policy would
 * apply to every Check.
 */
export function attach(policy: CompiledPolicy, gateways: readonly KubeObject[]): CompiledPolicy | undefined {
  if (!policy.targetSelectors) return policy;
  const namespace = policy.namespace ?? 'default';
  const selectors = (policy.document as { spec?: { targetSelectors?: unknown[] } }).spec?.targetSelectors ?? [];
  const selected: TargetRef[] = gateways
    .filter((g) => (g.metadata.namespace ?? 'default') === namespace && selectors.some((s) => selects(s, g)))
    .map((g) => ({ group: GATEWAY_GROUP, kind: 'Gateway', name: g.metadata.name }));
  const targetRefs = [...policy.targetRefs, ...selected.filter((s) => !policy.targetRefs.some((r) => r.name === s.name && r.sectionName === undefined))];
  if (targetRefs.length === 0) return undefined;
  return { ...policy, targetRefs, targetSelectors: false };
}

interface Selector {
  group?: string;
  kind?: string;
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A Gateway API targetSelector (kind Gateway) against one Gateway's labels; an empty selector selects every Gateway. */
function selects(raw: unknown, gateway: KubeObject): boolean {
  const s = raw as Selector;
  if (s.kind !== 'Gateway' || (s.group !== undefined && s.group !== GATEWAY_GROUP)) return false;
  const labels = gateway.metadata.labels ?? {};
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of s.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    const values = e.values ?? [];
    const ok =
      e.operator === 'In'
        ? has && values.includes(value!)
        : e.operator === 'NotIn'
          ? !has || !values.includes(value!)
          : e.operator === 'Exists'
            ? has
            : e.operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}
