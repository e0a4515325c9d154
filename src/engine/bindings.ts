import type { MaybePromise } from './types.js';
import { EvaluationError } from './types.js';
import { isPromise } from './async.js';

type Slot = { readonly value: unknown } | { readonly compute: () => MaybePromise<unknown> };

type State = { readonly kind: 'value'; readonly value: MaybePromise<unknown> } | { readonly kind: 'error'; readonly error: unknown };

/**
 * Immutable chain of named values (names without `$`). Lazy entries run at
 * most once, on first use, and later lookups share the result: kyverno-json's
 * context entries are evaluated only when an expression reads them.
 */
export class Bindings {
  static readonly empty = new Bindings(undefined, '', { value: undefined });

  private state: State | undefined;

  private constructor(
    private readonly parent: Bindings | undefined,
    private readonly name: string,
    private readonly slot: Slot,
  ) {}

  with(name: string, value: unknown): Bindings {
    return new Bindings(this, name, { value });
  }

  withLazy(name: string, compute: () => MaybePromise<unknown>): Bindings {
    return new Bindings(this, name, { compute });
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** The value bound to `name`; throws EvaluationError when nothing is. */
  get(name: string): MaybePromise<unknown> {
    const node = this.find(name);
    if (!node) throw new EvaluationError(`variable not defined: $${name}`);
    return node.resolve();
  }

  /** Binding names, innermost first, each once. */
  names(): string[] {
    const seen = new Set<string>();
    for (let node: Bindings | undefined = this; node?.parent; node = node.parent) seen.add(node.name);
    return [...seen];
  }

  private find(name: string): Bindings | undefined {
    for (let node: Bindings | undefined = this; node?.parent; node = node.parent) {
      if (node.name === name) return node;
    }
    return undefined;
  }

  private resolve(): MaybePromise<unknown> {
    if ('value' in this.slot) return this.slot.value;
    if (this.state === undefined) this.state = this.run(this.slot.compute);
    if (this.state.kind === 'error') throw this.state.error;
    return this.state.value;
  }

  // A failed computation is remembered too: every reader sees the same error.
  private run(compute: () => MaybePromise<unknown>): State {
    let value: MaybePromise<unknown>;
    try {
      value = compute();
    } catch (error) {
      return { kind: 'error', error };
    }
    if (isPromise(value)) {
      value.then(
        (settled) => (this.state = { kind: 'value', value: settled }),
        (error) => (this.state = { kind: 'error', error }),
      );
    }
    return { kind: 'value', value };
  }
}
