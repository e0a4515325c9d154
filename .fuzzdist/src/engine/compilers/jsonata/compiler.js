// The JSONata compiler (kgate's default): jsonata 2.x, compiled once per
// expression, evaluated per request with the bindings it reads, a time box,
// a depth guard, and synchronous fast paths for the common expressions.
// docs/jsonata.md describes the value mapping and the rest.
import jsonata from 'jsonata';
import { DeadlineExceededError, ExpressionSyntaxError } from '../../types.js';
import { freeVariables, releaseParser } from './ast.js';
import { compileFast, FALLBACK, UNBOUND } from './fast/compile.js';
import { kgateFunctionTable } from './functions.js';
import { assertRe2Regexes, Re2RegexEngine } from './regex.js';
import { toEvaluationError, toTreeValue } from './values.js';
import { isPromise, then } from '../../async.js';
// Per-evaluation state, passed as a binding no JSONata variable can name
// (variable names end at whitespace): the hooks below read it.
const CONTROL = ' kgate';
const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry');
export function createJsonataCompiler(env, functions, options = {}) {
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
    bySource = new Map();
    collected = new FinalizationRegistry((source) => {
        if (this.bySource.get(source)?.deref() === undefined)
            this.bySource.delete(source);
    });
    get(source) {
        return this.bySource.get(source)?.deref();
    }
    put(source, expression) {
        this.bySource.set(source, new WeakRef(expression));
        this.collected.register(expression, source);
        return expression;
    }
}
function compile(source, settings) {
    let program;
    try {
        program = jsonata(source, { RegexEngine: Re2RegexEngine });
        assertRe2Regexes(program.ast());
    }
    catch (error) {
        const { code, position, message } = error;
        throw new ExpressionSyntaxError(source, 'jsonata', code === undefined ? `${message}` : `${message} (${code} at position ${position})`);
    }
    const ast = program.ast();
    releaseParser(ast);
    const free = freeVariables(ast);
    // $eval'd text can call any function; it sees only the variables this expression reads.
    const evaluates = free.has('eval');
    for (const fn of settings.table.values()) {
        if (evaluates || free.has(fn.name))
            program.registerFunction(fn.name, fn.implementation, fn.signature);
    }
    const readsClock = evaluates || free.has('now') || free.has('millis');
    if (readsClock)
        registerClock(program);
    else {
        // jsonata binds its own $now and $millis per program (~2 KB of signatures); an expression that cannot call them does not keep them.
        program.assign('now', undefined);
        program.assign('millis', undefined);
    }
    program.assign(ENTRY_HOOK, settings.guard);
    // Function names are variables too: a binding of that name shadows the function, as in JSONata.
    const variables = [...free];
    const fast = settings.fastPaths ? compileFast(ast, source, settings.table, variables) : undefined;
    return new JsonataExpression(source, variables, program, fast, readsClock, settings);
}
class JsonataExpression {
    source;
    variables;
    program;
    fast;
    readsClock;
    settings;
    compiler = 'jsonata';
    constructor(source, variables, program, fast, readsClock, settings) {
        this.source = source;
        this.variables = variables;
        this.program = program;
        this.fast = fast;
        this.readsClock = readsClock;
        this.settings = settings;
    }
    evaluate(value, scope) {
        const started = performance.now();
        const deadline = scope.deadline ?? started + this.settings.timeBoxMs;
        if (started > deadline)
            throw new DeadlineExceededError();
        const vars = resolve(this.variables, scope.bindings);
        return then(vars, (resolved) => this.run(value, resolved, deadline, started));
    }
    /** The fast program's answer when it has one, JSONata's otherwise. */
    run(value, vars, deadline, started) {
        const fast = this.fast ? this.fast(value, vars) : FALLBACK;
        if (isPromise(fast)) {
            return fast.then((settled) => (settled === FALLBACK ? this.full(value, vars, deadline, started) : nullIfMissing(settled)));
        }
        return fast === FALLBACK ? this.full(value, vars, deadline, started) : nullIfMissing(fast);
    }
    async full(value, vars, deadline, started) {
        const control = { deadline, budgetMs: Math.round(deadline - started), now: this.readsClock ? this.settings.env.now() : 0 };
        try {
            return toTreeValue(await this.program.evaluate(value, this.bindingsOf(vars, control)), this.source);
        }
        catch (error) {
            throw toEvaluationError(this.source, error);
        }
    }
    /** JSONata's bindings: the bound variables (a name not bound is left out, as JSONata has it) and the control. */
    bindingsOf(vars, control) {
        const bindings = Object.create(null);
        this.variables.forEach((name, slot) => {
            if (vars[slot] !== UNBOUND)
                bindings[name] = vars[slot];
        });
        bindings[CONTROL] = control;
        return bindings;
    }
}
function nullIfMissing(value) {
    return value === undefined ? null : value;
}
const NO_VARS = Object.freeze([]);
/** The values of the bindings the expression reads, in order; lazy ones awaited. */
function resolve(names, bindings) {
    if (names.length === 0)
        return NO_VARS;
    const vars = [];
    let pending;
    for (let slot = 0; slot < names.length; slot++) {
        const name = names[slot];
        const value = bindings.has(name) ? bindings.get(name) : UNBOUND;
        if (isPromise(value))
            (pending ??= []).push(value.then((settled) => (vars[slot] = settled)));
        vars.push(value);
    }
    return pending ? Promise.all(pending).then(() => vars) : vars;
}
/**
 * Runs before every AST node JSONata evaluates: stops a runaway evaluation
 * (a loop, an infinite tail recursion) at its deadline, and deep recursion
 * with JSONata's own stack error before it exhausts memory.
 */
function evaluationGuard(maxDepth) {
    return (_node, _input, environment) => {
        const base = environment.base;
        const control = base?.lookup(CONTROL);
        if (!base || !control)
            return;
        if (base.depth > maxDepth)
            throw { code: 'D1011', value: maxDepth, stack: new Error().stack };
        if (performance.now() > control.deadline)
            throw new DeadlineExceededError(control.budgetMs);
    };
}
/** $now() and $millis() read FunctionEnv's clock (one reading per evaluation, as JSONata does), not the system's. */
function registerClock(program) {
    const now = (focus) => focus.environment.lookup(CONTROL).now;
    program.registerFunction('millis', function () {
        return now(this);
    }, '<:n>');
    program.registerFunction('now', function (picture, timezone) {
        const fromMillis = this.environment.lookup('fromMillis');
        return fromMillis.implementation.call(this, now(this), picture, timezone);
    }, '<s?s?:s>');
}
//# sourceMappingURL=compiler.js.map