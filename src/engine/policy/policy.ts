// A loaded, compiled policy as every consumer sees it: the authorizer, the
// policy store, the Envoy Gateway hooks and the CLI.
import type { CompiledRules } from './rules.js';

export const KGATE_API_VERSION = 'kgate.dev/v1alpha1';
export const KYVERNO_JSON_API_VERSION = 'json.kyverno.io/v1alpha1';

/** A Gateway API policy target (LocalPolicyTargetReferenceWithSectionName). */
export interface TargetRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly sectionName?: string;
}

/** A policy's request body settings (AuthorizationPolicy `spec.body`). */
export interface BodySettings {
  /** Bytes the filter buffers (Envoy's with_request_body.max_request_bytes); default `--ext-authz-max-body-bytes`. */
  readonly maxBytes?: number;
  /** Decide on the first maxBytes of a longer body (`$truncated` true), or let Envoy refuse it with 413 (false). Default true. */
  readonly allowPartial?: boolean;
}

export interface CompiledPolicy {
  readonly apiVersion: typeof KGATE_API_VERSION | typeof KYVERNO_JSON_API_VERSION | `policies.kyverno.io/${string}`;
  readonly kind: 'AuthorizationPolicy' | 'ValidatingPolicy' | 'PolicyException';
  readonly name: string;
  readonly namespace?: string;
  /** `<namespace>/<name>`, or `<name>` without a namespace: unique within a store, stable across reloads. */
  readonly id: string;
  /** Where it came from (file path or `extension resource <ns>/<name>`), for logs and errors. */
  readonly source: string;
  /** The policy object as written, bound as `$policy`. */
  readonly document: unknown;
  /** Empty, without targetSelectors: applies to every request (files only; EG always sends targeted policies). */
  readonly targetRefs: readonly TargetRef[];
  /** The policy attaches through spec.targetSelectors, which only Envoy Gateway can resolve. */
  readonly targetSelectors: boolean;
  /** What an evaluation error means: Fail denies, Ignore lets this policy allow. */
  readonly failurePolicy: 'Fail' | 'Ignore';
  /** Audit policies only log and count their violations. */
  readonly mode: 'Enforce' | 'Audit';
  /** True when an expression or tree key may read the request body: the ext_authz filter must buffer it. */
  readonly readsBody: boolean;
  /** `spec.body`: how much of the body the filter buffers for this policy, and whether a cut body may be decided. */
  readonly body?: BodySettings;
  readonly rules: CompiledRules;
  /** kgate response shaping; absent for kyverno-json ValidatingPolicy. */
  readonly shaping?: import('./authorization.js').ResponseShaping;
  /** Kyverno Authz (policies.kyverno.io) ValidatingPolicy or PolicyException: decided by kyverno-authz-evaluate.ts. */
  readonly cel?: import('./kyverno-authz.js').CelPolicy | import('./kyverno-authz.js').CelException;
}

/** Evaluation order of policies in scope: by id (`<namespace>/<name>`), stable across reloads. */
export function comparePolicies(a: CompiledPolicy, b: CompiledPolicy): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
