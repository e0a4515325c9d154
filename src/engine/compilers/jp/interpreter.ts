// The library's tree interpreter, specialised where go-jmespath (what
// kyverno-json runs) behaves differently: variables come from kgate's
// Bindings (and let scopes), `$` is null, arithmetic on non-numbers is null,
// field lookups ignore the prototype chain, and expression references see the
// scope they are used in.
import { type compile, TreeInterpreter, type JSONValue } from '@jmespath-community/jmespath';
import type { Bindings } from '../../bindings.js';
import { isPromise } from '../../async.js';
import { isObject } from '../../json.js';

type Interpreter = typeof TreeInterpreter;
/** The library does not export its AST node type. */
export type ExpressionNode = ReturnType<typeof compile>;
type Node = ExpressionNode;

/** The library keeps its TreeInterpreter class private; its default instance carries it. */
const LibraryInterpreter = TreeInterpreter.constructor as new () => Interpreter;

/** Thrown to leave a synchronous search when a value is only available as a promise (see compiler.ts). */
export class Suspend {
  constructor(readonly promise: Promise<unknown>) {}
}

/** What one evaluation reads: its bindings. Set for the duration of a synchronous search. */
export interface Evaluation {
  readonly bindings: Bindings;
}

class LetScope {
  constructor(
    readonly values: Readonly<Record<string, unknown>>,
    readonly outer: LetScope | undefined,
  ) {}
}

export interface JpInterpreter {
  /** Evaluates `ast` against `value`; `evaluation()` must return the current evaluation while it runs. */
  run(ast: Node, value: unknown): unknown;
}

export function createInterpreter(evaluation: () => Evaluation): JpInterpreter & { readonly runtime: Interpreter['runtime'] } {
  class Kgate extends LibraryInterpreter {
    lets: LetScope | undefined = undefined;

    override visit(node: Node, value: JSONValue | Node): ReturnType<Interpreter['visit']> {
      switch (node.type) {
        case 'Field':
          return isObject(value) && Object.hasOwn(value, node.name) ? (value[node.name] ?? null) : null;
        case 'Variable':
          return this.variable(node.name) as JSONValue;
        case 'Root':
          return null;
        case 'Arithmetic':
          return arithmetic(node.operator, this.visit(node.left, value), this.visit(node.right, value));
        case 'Unary': {
          const operand = this.visit(node.operand, value);
          if (typeof operand !== 'number') return null;
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
    private call(node: Node, value: JSONValue | Node): ReturnType<Interpreter['visit']> {
      const runtime = this.runtime as unknown as { _interpreter: unknown };
      const previous = runtime._interpreter;
      runtime._interpreter = this;
      try {
        return super.visit(node, value);
      } finally {
        runtime._interpreter = previous;
      }
    }

    private variable(name: string): unknown {
      for (let scope = this.lets; scope; scope = scope.outer) {
        if (Object.hasOwn(scope.values, name)) return scope.values[name];
      }
      const bound = evaluation().bindings.get(name);
      if (isPromise(bound)) throw new Suspend(bound);
      return bound ?? null;
    }

    // `let` creates a child interpreter per scope; share the runtime instead
    // of building a new one (the library's version builds a function table).
    override withScope(values: Record<string, JSONValue>): Interpreter {
      const inner = Object.create(Kgate.prototype) as Kgate;
      inner.runtime = this.runtime;
      inner.lets = new LetScope(values, this.lets);
      return inner;
    }

    run(ast: Node, value: unknown): unknown {
      return this.visit(ast, value as JSONValue);
    }
  }
  return new Kgate();
}

/** go-jmespath: operands that are not numbers make the result null (the library throws). */
function arithmetic(operator: string, left: unknown, right: unknown): number | null {
  if (typeof left !== 'number' || typeof right !== 'number') return null;
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
