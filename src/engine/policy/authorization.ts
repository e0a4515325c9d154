// kgate's AuthorizationPolicy (kgate.dev/v1alpha1): a kyverno-json
// ValidatingPolicy spec plus targets, failure and audit modes, policy-level
// context and response shaping. (Implementation lands with the authorizer.)
import type { ContextBinder, ValueProgram } from './rules.js';

export interface ResponseShaping {
  /** Policy-level `spec.context`, bound before the rules' own context. */
  readonly context?: ContextBinder;
  readonly allow?: unknown;
  readonly deny?: ReadonlyMap<string, unknown>;
  readonly values?: readonly ValueProgram[];
}
