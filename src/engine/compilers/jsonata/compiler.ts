// The JSONata compiler (kgate's default): jsonata 2.x, compiled once per
// expression, evaluated per request with the bindings it reads, a time box,
// a depth guard, and synchronous fast paths for the common expressions.
// docs/jsonata.md describes the value mapping and the rest.
import jsonata from 'jsonata';
import type { Bindings } from '../../bindings.js';
import type { Compiler, EvalScope, Expression, FunctionDef, FunctionEnv, MaybePromise } from '../../types.js';
import { DeadlineExceededError, ExpressionSyntaxError } from '../../types.js';
import { type AstNode, freeVariables, releaseParser } from './ast.js';
import { compileFast, FALLBACK, type FastProgram, UNBOUND, type Vars } from './fast/compile.js';
import { type KgateFunction, kgateFunctionTable } from './functions.js';
import { assertRe2Regexes, Re2RegexEngine } from './regex.js';
import { toEvaluationError, toTreeValue } from './values.js';
import { isPromise, then } from '../../async.js';

export interface JsonataCompilerOptions {
  /** Time box of an evaluation whose scope has no deadline, in ms. Default 1000. */
  readonly defaultTimeBoxMs?: number;
  /** Deepest nesting of JSONata evaluation (recursion) before D1011. Default 5000. */
  readonly maxDepth?: number;
  /** Off only to compare fast paths with JSONata (tests). Default true. */
  readonly fastPaths?: boolean;
}

// Per-evaluation state, passed as a binding no JSONata variable can name
// (variable names end at whitespace): the hooks below read it.
const CONTROL = ' kgate';
const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry');

interface Control {
  readonly deadline: number;
  readonly budgetMs: number;
  readonly now: number;
}

interface JsonataEnvironment {
  readonly base?: JsonataEnvironment & { readonly depth: number };
  lookup(name: string | symbol): unknown;
}

export function createJsonataCompiler(env: FunctionEnv, functions: readonly FunctionDef[], options: JsonataCompilerOptions = {}): Compiler {
  const table = kgateFunctionTable(env, functions);
  const settings = {
    env,
    table,
    timeBoxMs: options.defaultTimeBoxMs ?? 1000,
    fastPaths: options.fastPaths ?? true,
    guard: evaluationGuard(options.maxDepth ?? 5000),
  };
  const shared = new SharedExpressions();
  return { name: 'jsonata', compile: (source) => shared.get(source) ?? shared.put(source, compile(source, settings)) };
}

/**
 * Compiled expressions are immutable and depend only on their source, so a
 * source compiled again (the same check in 10,000 generated rules, a policy
 * reloaded) gets the one already in use: a JSONata parse costs ~100 µs and
 * ~15 KB of garbage. Weakly held: an expression no policy uses is collected.
 */
class SharedExpressions {
  private readonly bySource = new Map<string, WeakRef<Expression>>();
  private readonly collected = new FinalizationRegistry<string>((source) => {
    if (this.bySource.get(source)?.deref() === undefined) this.bySource.delete(source);
  });

  get(source: string): Expression | undefined {
    return this.bySource.get(source)?.deref();
  }

  put(source: string, expression: Expression): Expression {
    this.bySource.set(source, new WeakRef(expression));
    this.collected.register(expression, source);
    return expression;
  }
}

interface Settings {
  readonly env: FunctionEnv;
  readonly table: ReadonlyMap<string, KgateFunction>;
  readonly timeBoxMs: number;
  readonly fastPaths: boolean;
  readonly guard: (node: unknown, input: unknown, environment: JsonataEnvironment) => void;
}

function compile(source: string, settings: Settings): Expression {
  let program: jsonata.Expression;
  try {
    program = jsonata(source, { RegexEngine: Re2RegexEngine } as unknown as jsonata.JsonataOptions);
    assertRe2Regexes(program.ast());
  } catch (error) {
    const { code, position, message } = error as { code?: string; position?: number; message?: string };
    throw new ExpressionSyntaxError(source, 'jsonata', code === undefined ? `${message}` : `${message} (${code} at position ${position})`);
  }
  const ast = program.ast() as unknown as AstNode;
  releaseParser(ast);
  const free = freeVariables(ast);
  // $eval'd text can call any function; it sees only the variables this expression reads.
  const evaluates = free.has('eval');
  for (const fn of settings.table.values()) {
    if (evaluates || free.has(fn.name)) program.registerFunction(fn.name, fn.implementation, fn.signature);
  }
  const readsClock = evaluates || free.has('now') || free.has('millis');
  if (readsClock) registerClock(program);
  else {
    // jsonata binds its own $now and $millis per program (~2 KB of signatures); an expression that cannot call them does not keep them.
    program.assign('now', undefined);
    program.assign('millis', undefined);
  }
  program.assign(ENTRY_HOOK as unknown as string, settings.guard);
  // Function names are variables too: a binding of that name shadows the function, as in JSONata.
  const variables = [...free];
  const fast = settings.fastPaths ? compileFast(ast, source, settings.table, variables) : undefined;
  return new JsonataExpression(source, variables, program, fast, readsClock, settings);
}

class JsonataExpression implements Expression {
  readonly compiler = 'jsonata';

  constructor(
    readonly source: string,
    readonly variables: readonly string[],
    private readonly program: jsonata.Expression,
    private readonly fast: FastProgram | undefined,
    private readonly readsClock: boolean,
    private readonly settings: Settings,
  ) {}

  evaluate(value: unknown, scope: EvalScope): MaybePromise<unknown> {
    const started = performance.now();
    const deadline = scope.deadline ?? started + this.settings.timeBoxMs;
    if (started > deadline) throw new DeadlineExceededError();
    const vars = resolve(this.variables, scope.bindings);
    return then(vars, (resolved) => this.run(value, resolved, deadline, started));
  }

  /** The fast program's answer when it has one, JSONata's otherwise. */
  private run(value: unknown, vars: Vars, deadline: number, started: number): MaybePromise<unknown> {
    const fast = this.fast ? this.fast(value, vars) : FALLBACK;
    if (isPromise(fast)) {
      return fast.then((settled) => (settled === FALLBACK ? this.full(value, vars, deadline, started) : nullIfMissing(settled)));
    }
    return fast === FALLBACK ? this.full(value, vars, deadline, started) : nullIfMissing(fast);
  }

  private async full(value: unknown, vars: Vars, deadline: number, started: number): Promise<unknown> {
    const control: Control = { deadline, budgetMs: Math.round(deadline - started), now: this.readsClock ? this.settings.env.now() : 0 };
    try {
      return toTreeValue(await this.program.evaluate(value, this.bindingsOf(vars, control)), this.source);
    } catch (error) {
      throw toEvaluationError(this.source, error);
    }
  }

  /** JSONata's bindings: the bound variables (a name not bound is left out, as JSONata has it) and the control. */
  private bindingsOf(vars: Vars, control: Control): Record<string, unknown> {
    const bindings = Object.create(null) as Record<string, unknown>;
    this.variables.forEach((name, slot) => {
      if (vars[slot] !== UNBOUND) bindings[name] = vars[slot];
    });
    bindings[CONTROL] = control;
    return bindings;
  }
}

function nullIfMissing(value: unknown): unknown {
  return value === undefined ? null : value;
}

const NO_VARS: Vars = Object.freeze([]);

/** The values of the bindings the expression reads, in order; lazy ones awaited. */
function resolve(names: readonly string[], bindings: Bindings): MaybePromise<Vars> {
  if (names.length === 0) return NO_VARS;
  const vars: unknown[] = [];
  let pending: Promise<unknown>[] | undefined;
  for (let slot = 0; slot < names.length; slot++) {
    const name = names[slot]!;
    const value = bindings.has(name) ? bindings.get(name) : UNBOUND;
    if (isPromise(value)) (pending ??= []).push(value.then((settled) => (vars[slot] = settled)));
    vars.push(value);
  }
  return pending ? Promise.all(pending).then(() => vars) : vars;
}

/**
 * Runs before every AST node JSONata evaluates: stops a runaway evaluation
 * (a loop, an infinite tail recursion) at its deadline, and deep recursion
 * with JSONata's own stack error before it exhausts memory.
 */
function evaluationGuard(maxDepth: number) {
  return (_node: unknown, _input: unknown, environment: JsonataEnvironment): void => {
    const base = environment.base;
    const control = base?.lookup(CONTROL) as Control | undefined;
    if (!base || !control) return;
    if (base.depth > maxDepth) throw { code: 'D1011', value: maxDepth, stack: new Error().stack };
    if (performance.now() > control.deadline) throw new DeadlineExceededError(control.budgetMs);
  };
}

/** $now() and $millis() read FunctionEnv's clock (one reading per evaluation, as JSONata does), not the system's. */
function registerClock(program: jsonata.Expression): void {
  const now = (focus: jsonata.Focus) => (focus.environment.lookup(CONTROL) as Control).now;
  program.registerFunction(
    'millis',
    function (this: jsonata.Focus) {
      return now(this);
    },
    '<:n>',
  );
  program.registerFunction(
    'now',
    function (this: jsonata.Focus, picture?: string, timezone?: string) {
      const fromMillis = this.environment.lookup('fromMillis') as { implementation: (...args: unknown[]) => string };
      return fromMillis.implementation.call(this, now(this), picture, timezone);
    },
    '<s?s?:s>',
  );
}
