import { invalid } from './errors.js';
import { errorText } from '../types.js';
import { parseKey } from './key.js';
import { ExpressionLeaf, LiteralLeaf, MapNode, SliceNode } from './nodes.js';
import { staticPath } from './path.js';
import { isObject } from '../json.js';
/** A tree (or value) that cannot be compiled: kyverno-json's field.Error, with the full field path. */
export class TreeCompileError extends Error {
    field;
    constructor(field) {
        super(field.toString());
        this.field = field;
        this.name = 'TreeCompileError';
    }
}
export function compileTree(tree, path, compilers) {
    if (Array.isArray(tree))
        return new SliceNode(tree.map((item, i) => compileTree(item, `${path}[${i}]`, compilers)));
    if (isObject(tree))
        return new MapNode(Object.entries(tree).map(([key, value]) => compileEntry(key, value, join(path, key), compilers)));
    return compileLeaf(tree, path, compilers);
}
function join(path, key) {
    return path ? `${path}.${key}` : key;
}
function compileEntry(key, value, path, compilers) {
    const parsed = parseKey(key);
    const expression = compileStatement(parsed, path, compilers);
    return {
        key,
        projection: expression ? { kind: 'expression', expression } : { kind: 'key', key: parsed.statement },
        foreach: parsed.foreach,
        foreachName: parsed.foreachName,
        binding: parsed.binding,
        node: compileTree(value, path, compilers),
    };
}
function compileLeaf(value, path, compilers) {
    const scalar = compileScalar(value, path, compilers);
    return scalar.kind === 'expression' ? new ExpressionLeaf(scalar.expression) : new LiteralLeaf(scalar.value);
}
/** A leaf or a context variable: `(expr)` is an expression, a `\escaped\` string its inside, anything else itself. */
export function compileScalar(value, path, compilers) {
    if (typeof value !== 'string')
        return { kind: 'literal', value: value ?? null };
    const parsed = parseKey(value);
    if (parsed.foreach)
        throw new TreeCompileError(invalid(staticPath(path), value, 'foreach is not supported in scalar projections'));
    if (parsed.binding)
        throw new TreeCompileError(invalid(staticPath(path), value, 'binding is not supported in scalar projections'));
    const expression = compileStatement(parsed, path, compilers);
    return expression ? { kind: 'expression', expression } : { kind: 'literal', value: parsed.statement };
}
export function compileStatement(parsed, path, compilers) {
    const compiler = parsed.compiler ? compilers(parsed.compiler) : undefined;
    if (!compiler)
        return undefined;
    try {
        return compiler.compile(parsed.statement);
    }
    catch (error) {
        throw new TreeCompileError(invalid(staticPath(path), parsed.statement, errorText(error)));
    }
}
//# sourceMappingURL=compile.js.map