import { DeadlineExceededError, EvaluationError } from '../types.js';
import { invalid } from './errors.js';
import { errorText } from '../types.js';
import { compileScalar, compileStatement, TreeCompileError } from './compile.js';
import { all, isPromise } from '../async.js';
import { parseKey } from './key.js';
import { staticPath } from './path.js';
import { isObject } from '../json.js';
export function compileValueTree(value, path, compilers) {
    const compiled = compile(value, path, compilers);
    return compiled.constant ? () => compiled.value : compiled.run;
}
function compile(value, path, compilers) {
    if (Array.isArray(value))
        return compileArray(value, path, compilers);
    if (isObject(value))
        return compileObject(value, path, compilers);
    const scalar = compileScalar(value, path, compilers);
    return scalar.kind === 'literal' ? { constant: true, value: scalar.value } : { constant: false, run: expressionRun(scalar.expression, path) };
}
function expressionRun(expression, path) {
    const fail = (error) => {
        if (error instanceof DeadlineExceededError)
            throw error;
        throw new EvaluationError(`${path}: ${errorText(error)}`, { cause: error });
    };
    return (node, scope) => {
        let result;
        try {
            result = expression.evaluate(node, scope);
        }
        catch (error) {
            return fail(error);
        }
        return isPromise(result) ? result.then((v) => v ?? null, fail) : (result ?? null);
    };
}
function compileArray(items, path, compilers) {
    const parts = items.map((item, i) => compile(item, `${path}[${i}]`, compilers));
    if (parts.every((p) => p.constant))
        return { constant: true, value: items };
    return { constant: false, run: (node, scope) => all(parts.map((p) => (p.constant ? p.value : p.run(node, scope)))) };
}
function compileObject(map, path, compilers) {
    const entries = Object.entries(map).map(([key, value]) => {
        const where = path ? `${path}.${key}` : key;
        const parsed = parseKey(key);
        if (parsed.foreach || parsed.binding) {
            throw new TreeCompileError(invalid(staticPath(where), key, 'foreach and bindings are not supported in values'));
        }
        const expression = compileStatement(parsed, where, compilers);
        const name = expression ? { constant: false, run: expressionRun(expression, where) } : { constant: true, value: parsed.statement };
        return { name, value: compile(value, where, compilers), where };
    });
    const keys = Object.keys(map);
    if (entries.every((e, i) => e.name.constant && e.name.value === keys[i] && e.value.constant))
        return { constant: true, value: map };
    return {
        constant: false,
        run: (node, scope) => {
            const names = all(entries.map((e) => (e.name.constant ? e.name.value : e.name.run(node, scope))));
            const values = all(entries.map((e) => (e.value.constant ? e.value.value : e.value.run(node, scope))));
            return isPromise(names) || isPromise(values) ? Promise.all([names, values]).then(([n, v]) => assemble(entries, n, v)) : assemble(entries, names, values);
        },
    };
}
function assemble(entries, names, values) {
    const out = {};
    names.forEach((name, i) => {
        if (typeof name !== 'string')
            throw new EvaluationError(`${entries[i]?.where}: a computed key must be a string, got ${JSON.stringify(name)}`);
        out[name] = values[i];
    });
    return out;
}
//# sourceMappingURL=value.js.map