// Contract between the kyverno-json core (assertion trees, rules) and the
// layers above it (scan, AuthorizationPolicy, authorize). Implemented in
// ./validating.ts.
import type { Bindings } from '../bindings.js';
import type { CompilerName } from '../types.js';

/** One failed node of an assertion tree, rendered as kyverno-json renders it. */
export interface FieldError {
  /** Field path, e.g. `request.http.method` or `spec.containers[0].image`. */
  readonly path: string;
  /** Error body without the path, e.g. `Invalid value: "guest": Expected value: "admin"`. */
  readonly detail: string;
}

/** A failed assertion of a rule's `assert`. */
export interface Violation {
  /** The assertion's message with `{{ }}` templates rendered, or undefined when it has none. */
  readonly message?: string;
  /** Path of the assertion, e.g. `spec.rules[0].assert.all[1]` (kyverno-json's CHECK=). */
  readonly check: string;
  readonly errors: readonly FieldError[];
}

export interface RuleResult {
  readonly rule: string;
  /** Rendered `identifier`, when the rule has one. */
  readonly identifier?: string;
  /**
   * pass: matched, not excluded, assertions hold. fail: a violation.
   * error: match/exclude/assert could not be evaluated (see `error`).
   * skip: did not match, or excluded (kyverno-json prints nothing for these).
   */
  readonly status: 'pass' | 'fail' | 'error' | 'skip';
  readonly violations: readonly Violation[];
  /** Set when status is `error`: kyverno-json's error text (what scan prints after `ERROR: `). */
  readonly error?: string;
  /** The underlying error object when status is `error`, for logs. */
  readonly cause?: unknown;
}

/** A compiled `spec` (policy-level context, compiler, rules) of a kyverno-json ValidatingPolicy. */
export interface CompiledRules {
  readonly compiler: CompilerName;
  readonly ruleNames: readonly string[];
  /**
   * Evaluates every rule against `payload`. `bindings` is the policy's base
   * scope (`policyBindings`, plus any policy-level context); each rule adds
   * only `$rule` and its own context entries. Rules that error do not stop
   * the others. Rejects only for DeadlineExceededError.
   */
  evaluate(payload: unknown, options: RuleEvalOptions): Promise<RuleResult[]>;
  /**
   * Load-time cost probe: runs each rule once against `payload` (each within
   * `budgetMs`) and yields the milliseconds its synchronous part took. What
   * a promise settles to is not waited for or used.
   */
  probe?(payload: unknown, bindings: Bindings, budgetMs: number): Generator<number, void, void>;
}

export interface RuleEvalOptions {
  readonly bindings: Bindings;
  /** performance.now() deadline for the whole evaluation. */
  readonly deadline?: number;
}

export interface CompileOptions {
  /** For error messages: file path or `extension resource <ns>/<name>`. */
  readonly source: string;
  /** Index of the document in its file, for error messages. */
  readonly document?: number;
  readonly compilers: import('../types.js').Compilers;
  /** Compiler used where none is named: `jp` for json.kyverno.io, `jsonata` for kgate.dev. */
  readonly defaultCompiler: CompilerName;
}

/** Adds a list of context entries as lazy bindings (each sees the ones before it). */
export type ContextBinder = (payload: unknown, bindings: Bindings, deadline?: number) => Bindings;

/**
 * A compiled kyverno-json `Any` value (context variable, feedback value,
 * kgate header value...): `(expr)` strings and `(expr)` keys are
 * expressions, everything else is literal, evaluated against `node`.
 */
export type ValueProgram = (node: unknown, scope: import('../types.js').EvalScope) => import('../types.js').MaybePromise<unknown>;

// Signatures implemented by ./validating.ts (declared here so other areas can
// code against them before it lands):
//   compileRules(spec: unknown, path: string, options: CompileOptions): CompiledRules
//     `spec` holds `compiler` and `rules` only (kgate-specific fields already removed);
//     unknown fields are refused with PolicyError naming the field path.
//   compileContext(entries: unknown, path: string, options: CompileOptions): ContextBinder
//   compileValue(value: unknown, path: string, options: CompileOptions): ValueProgram

/**
 * The base scope of one policy evaluation, built here only: the caller's
 * bindings (`--bindings` keys, derived request bindings) plus `$payload` and
 * `$policy`. Policy context, rules, and allow and deny shaping all see it.
 */
export function policyBindings(base: Bindings, payload: unknown, policy: unknown): Bindings {
  return base.with('payload', payload).with('policy', policy);
}
