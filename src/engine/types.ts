// Shared engine contracts. Everything here is pure: no I/O, no gRPC, no clocks
// other than the one injected through FunctionEnv.
import type { Bindings } from './bindings.js';

export type MaybePromise<T> = T | Promise<T>;

/** The text of something thrown: an Error's message, anything else as a string. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type CompilerName = 'jp' | 'jsonata' | 'cel';

/** An error tied to a place in a policy: where (source, document, field path) and why. */
export class PolicyError extends Error {
  constructor(
    /** File path, or `extension resource <ns>/<name>`, or `<inline>`. */
    readonly source: string,
    /** Field path inside the document, kyverno-json style: `spec.rules[0].assert.all[1].check.foo`. */
    readonly path: string,
    readonly reason: string,
    /** 0-based index of the YAML document in a multi-document file, when there is more than one. */
    readonly document?: number,
  ) {
    super(`${source}${document === undefined ? '' : ` (document ${document + 1})`}: ${path ? `${path}: ` : ''}${reason}`);
    this.name = 'PolicyError';
  }
}

/** Raised while evaluating (a function that fails, an expression that throws, a time box hit). */
export class EvaluationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EvaluationError';
  }
}

/** Raised when a decision runs past its deadline. */
export class DeadlineExceededError extends EvaluationError {
  /** `budgetMs` when the thrower knows the time box; the deadline alone otherwise. */
  constructor(budgetMs?: number) {
    super(budgetMs ? `evaluation exceeded its time box of ${budgetMs} ms` : 'evaluation ran past its deadline');
    this.name = 'DeadlineExceededError';
  }
}

export interface EvalScope {
  readonly bindings: Bindings;
  /** performance.now() value after which evaluation must stop with DeadlineExceededError. */
  readonly deadline?: number | undefined;
}

/**
 * A compiled expression. Compiled once at policy load; evaluate() is the only
 * thing that runs per request.
 *
 * Value mapping (both compilers): the result is what kyverno-json would see
 * from go-jmespath: a missing value is `null` (never `undefined`), arrays are
 * plain arrays (JSONata sequences are unwrapped to plain arrays).
 */
export interface Expression {
  readonly source: string;
  readonly compiler: CompilerName;
  /** Binding names (without `$`) the expression reads; resolved from scope.bindings before evaluation. */
  readonly variables: readonly string[];
  /** `value` is the current node: `@` in JMESPath, the context item in JSONata. */
  evaluate(value: unknown, scope: EvalScope): MaybePromise<unknown>;
}

export interface Compiler {
  readonly name: CompilerName;
  /** Throws ExpressionSyntaxError with the parser's reason. */
  compile(source: string): Expression;
}

export class ExpressionSyntaxError extends Error {
  constructor(
    readonly expression: string,
    readonly compiler: CompilerName,
    reason: string,
  ) {
    super(`${compiler} expression ${JSON.stringify(expression)} does not compile: ${reason}`);
    this.name = 'ExpressionSyntaxError';
  }
}

export type Compilers = Readonly<Record<Exclude<CompilerName, 'cel'>, Compiler>> & {
  readonly cel?: Compiler;
  /** The CEL environment of Kyverno Authz ValidatingPolicy (src/engine/cel). */
  readonly celEnvironment?: import('@marcbachmann/cel-js').Environment;
};

/** Where keys for JWT verification come from. Implemented outside the engine (src/keys/): it does I/O. */
export interface KeyResolver {
  /** A key set (JWKS) by URL, fetched, cached and refreshed by the resolver. */
  jwks(url: string): MaybePromise<JwksKeySet>;
  /** The text of a key file (PEM, JWK or JWKS JSON), read once and cached by the resolver. */
  file(path: string): MaybePromise<string>;
}

/** jose's JWTVerifyGetKey shape: picks the key for a protected header. */
export type JwksKeySet = (header: { alg?: string; kid?: string }, token: unknown) => Promise<unknown>;

/** What functions may use from the outside world; injected by the CLI / server, faked in tests. */
export interface FunctionEnv {
  /** Milliseconds since the epoch (Date.now in production). */
  now(): number;
  keys: KeyResolver;
}

/** A function callable from both compilers: `jwt_decode(...)` in jp, `$jwtDecode(...)` in JSONata. */
export interface FunctionDef {
  /** JMESPath name (snake_case), e.g. `jwt_decode`. */
  readonly jp: string;
  /** JSONata name without `$` (lowerCamelCase), e.g. `jwtDecode`. */
  readonly jsonata: string;
  readonly args: readonly ArgSpec[];
  /** Throw EvaluationError (or any Error) to fail the evaluation; may return a promise. */
  readonly impl: (args: unknown[], env: FunctionEnv) => MaybePromise<unknown>;
}

export type ArgType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null' | 'any';
export interface ArgSpec {
  readonly name: string;
  readonly types: readonly ArgType[];
  readonly optional?: boolean;
}
