// kgate's `jp` compiler: JMESPath (@jmespath-community/jmespath) with
// go-jmespath's behaviour where kyverno-json depends on it, Kyverno's function
// set and kgate's functions.
//
// Compile once: the AST is built here and walked by a tree interpreter per
// evaluation; nothing is parsed on the request path. Each compiler owns its
// interpreter and function table (the library's default registry is global),
// so compilers with different FunctionEnvs never see each other's functions.
//
// Asynchrony: JMESPath evaluation is synchronous, but lazy bindings and kgate
// functions may only have a promise. Such a value suspends the search (a
// Suspend is thrown), the promise is awaited, its result memoized for this
// evaluation, and the search replayed from the start. Searches are pure and
// cheap next to the I/O that made them wait, so a replay costs little, and the
// common all-synchronous case pays nothing: no promise is created.
import { compile as parse } from '@jmespath-community/jmespath';
import { EvaluationError, ExpressionSyntaxError } from '../../types.js';
import { errorText } from '../../types.js';
import { deadlineExceeded } from '../../tree/flow.js';
import { installFunctions } from './functions.js';
import { createInterpreter, Suspend } from './interpreter.js';
class Run {
    bindings;
    env;
    memo;
    instant;
    constructor(bindings, env) {
        this.bindings = bindings;
        this.env = env;
    }
    now() {
        return (this.instant ??= this.env.now());
    }
    pending(key, promise) {
        const memo = (this.memo ??= new Map());
        throw new Suspend(promise.then((value) => void memo.set(key, { value: value ?? null }), (error) => void memo.set(key, { error })));
    }
}
export function createJpCompiler(env, extra) {
    let active;
    const current = () => {
        if (!active)
            throw new Error('jp function called outside an evaluation');
        return active;
    };
    const interpreter = createInterpreter(current);
    installFunctions(interpreter.runtime, extra, current);
    const search = (ast, value, run, deadline) => {
        const previous = active;
        active = run;
        try {
            return interpreter.run(ast, value) ?? null;
        }
        catch (error) {
            if (error instanceof Suspend) {
                // Replayed whether the promise resolved or failed: the binding or memo now holds the outcome.
                const replay = () => {
                    if (deadline !== undefined && performance.now() > deadline)
                        throw deadlineExceeded();
                    return search(ast, value, run, deadline);
                };
                return error.promise.then(replay, replay);
            }
            throw error instanceof EvaluationError ? error : new EvaluationError(errorText(error), { cause: error });
        }
        finally {
            active = previous;
        }
    };
    return {
        name: 'jp',
        compile(source) {
            let ast;
            try {
                ast = parse(source);
            }
            catch (error) {
                throw new ExpressionSyntaxError(source, 'jp', errorText(error));
            }
            const { variables, functions } = references(ast);
            const unknown = functions.find((name) => !interpreter.runtime.isRegistered(name));
            if (unknown !== undefined)
                throw new ExpressionSyntaxError(source, 'jp', `unknown function: ${unknown}()`);
            return {
                source,
                compiler: 'jp',
                variables,
                evaluate: (value, scope) => search(ast, value, new Run(scope.bindings, env), scope.deadline),
            };
        },
    };
}
/** Binding names an AST reads (those bound by its own `let` excluded) and the functions it calls. */
function references(ast) {
    const used = new Set();
    const bound = new Set();
    const functions = new Set();
    const visit = (node) => {
        if (Array.isArray(node))
            return node.forEach(visit);
        if (typeof node !== 'object' || node === null)
            return;
        const typed = node;
        if (typed.type === 'Literal')
            return;
        if (typed.type === 'Variable' && typed.name)
            used.add(typed.name);
        if (typed.type === 'Binding' && typed.variable)
            bound.add(typed.variable);
        if (typed.type === 'Function' && typed.name)
            functions.add(typed.name);
        Object.values(node).forEach(visit);
    };
    visit(ast);
    return { variables: [...used].filter((v) => !bound.has(v)), functions: [...functions] };
}
//# sourceMappingURL=compiler.js.map