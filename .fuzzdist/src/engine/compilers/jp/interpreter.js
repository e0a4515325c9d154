// The library's tree interpreter, specialised where go-jmespath (what
// kyverno-json runs) behaves differently: variables come from kgate's
// Bindings (and let scopes), `$` is null, arithmetic on non-numbers is null,
// field lookups ignore the prototype chain, and expression references see the
// scope they are used in.
import { TreeInterpreter } from '@jmespath-community/jmespath';
import { isPromise } from '../../async.js';
import { isObject } from '../../json.js';
/** The library keeps its TreeInterpreter class private; its default instance carries it. */
const LibraryInterpreter = TreeInterpreter.constructor;
/** Thrown to leave a synchronous search when a value is only available as a promise (see compiler.ts). */
export class Suspend {
    promise;
    constructor(promise) {
        this.promise = promise;
    }
}
class LetScope {
    values;
    outer;
    constructor(values, outer) {
        this.values = values;
        this.outer = outer;
    }
}
export function createInterpreter(evaluation) {
    class Kgate extends LibraryInterpreter {
        lets = undefined;
        visit(node, value) {
            switch (node.type) {
                case 'Field':
                    return isObject(value) && Object.hasOwn(value, node.name) ? (value[node.name] ?? null) : null;
                case 'Variable':
                    return this.variable(node.name);
                case 'Root':
                    return null;
                case 'Arithmetic':
                    return arithmetic(node.operator, this.visit(node.left, value), this.visit(node.right, value));
                case 'Unary': {
                    const operand = this.visit(node.operand, value);
                    if (typeof operand !== 'number')
                        return null;
                    return node.operator === 'Minus' ? -operand : operand;
                }
                case 'Function':
                    return this.call(node, value);
                default:
                    return super.visit(node, value);
            }
        }
        // The runtime evaluates expression references (`&expr`) with its own
        // interpreter: point it at this one so they see the let scope in force.
        call(node, value) {
            const runtime = this.runtime;
            const previous = runtime._interpreter;
            runtime._interpreter = this;
            try {
                return super.visit(node, value);
            }
            finally {
                runtime._interpreter = previous;
            }
        }
        variable(name) {
            for (let scope = this.lets; scope; scope = scope.outer) {
                if (Object.hasOwn(scope.values, name))
                    return scope.values[name];
            }
            const bound = evaluation().bindings.get(name);
            if (isPromise(bound))
                throw new Suspend(bound);
            return bound ?? null;
        }
        // `let` creates a child interpreter per scope; share the runtime instead
        // of building a new one (the library's version builds a function table).
        withScope(values) {
            const inner = Object.create(Kgate.prototype);
            inner.runtime = this.runtime;
            inner.lets = new LetScope(values, this.lets);
            return inner;
        }
        run(ast, value) {
            return this.visit(ast, value);
        }
    }
    return new Kgate();
}
/** go-jmespath: operands that are not numbers make the result null (the library throws). */
function arithmetic(operator, left, right) {
    if (typeof left !== 'number' || typeof right !== 'number')
        return null;
    switch (operator) {
        case 'Plus':
            return left + right;
        case 'Minus':
            return left - right;
        case 'Multiply':
        case 'Star':
            return left * right;
        case 'Divide':
            return left / right;
        case 'Modulo':
            return left % right;
        case 'Div':
            return Math.floor(left / right);
        default:
            throw new Error(`unknown arithmetic operator ${operator}`);
    }
}
//# sourceMappingURL=interpreter.js.map