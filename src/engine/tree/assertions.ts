// kyverno-json's match/exclude and assert blocks over compiled trees. Trees
// are checked from the payload root with no path prefix (errors read
// `spec.containers[0].image`), as kyverno-json does.
import type { Violation } from '../policy/rules.js';
import type { EvalScope, MaybePromise } from '../types.js';
import { loop, then } from '../async.js';
import { concat, type Errs, NONE } from './flow.js';
import type { MessageProgram } from './message.js';
import type { TreeNode } from './nodes.js';

/** The field errors of a match block: none means it matched. Throws when a tree cannot be evaluated. */
export type MatchProgram = (payload: unknown, scope: EvalScope) => MaybePromise<Errs>;

/** `any`: the first tree without errors matches and `all` is not evaluated; otherwise every tree of `all` must hold. */
export function matchProgram(any: readonly TreeNode[], all: readonly TreeNode[]): MatchProgram {
  return (payload, scope) => {
    let errs: Errs = NONE;
    let matched = false;
    const anyDone = loop(any.length, (i) =>
      then((any[i] as TreeNode).assert(payload, undefined, scope), (e) => {
        matched = e.length === 0;
        errs = concat(errs, e);
        return matched;
      }),
    );
    return then(anyDone, () => {
      if (matched) return NONE;
      const allDone = loop(all.length, (i) =>
        then((all[i] as TreeNode).assert(payload, undefined, scope), (e) => {
          errs = concat(errs, e);
          return false;
        }),
      );
      return then(allDone, () => errs);
    });
  };
}

export interface CompiledAssertion {
  /** `spec.rules[i].assert.all[j]`: kyverno-json's CHECK=. */
  readonly check: string;
  readonly node: TreeNode;
  readonly message?: MessageProgram;
}

export type AssertProgram = (payload: unknown, scope: EvalScope) => MaybePromise<Violation[]>;

/**
 * `any` holds when one of its assertions holds (the failures of all of them
 * otherwise, and `all` is then skipped); `all` reports each failing assertion.
 */
export function assertProgram(any: readonly CompiledAssertion[], all: readonly CompiledAssertion[]): AssertProgram {
  return (payload, scope) => {
    let fails: Violation[] = [];
    let passed = false;
    const anyDone = loop(any.length, (i) =>
      then(check(any[i] as CompiledAssertion, payload, scope), (violation) => {
        passed = violation === undefined;
        if (violation) fails.push(violation);
        return passed;
      }),
    );
    return then(anyDone, () => {
      if (any.length > 0 && !passed) return fails;
      fails = [];
      const allDone = loop(all.length, (i) =>
        then(check(all[i] as CompiledAssertion, payload, scope), (violation) => {
          if (violation) fails.push(violation);
          return false;
        }),
      );
      return then(allDone, () => fails);
    });
  };
}

function check(assertion: CompiledAssertion, payload: unknown, scope: EvalScope): MaybePromise<Violation | undefined> {
  return then(assertion.node.assert(payload, undefined, scope), (errors) => {
    if (errors.length === 0) return undefined;
    if (!assertion.message) return { check: assertion.check, errors };
    return then(assertion.message(payload, scope), (message) => ({ message, check: assertion.check, errors }));
  });
}
