// kyverno-json ValidatingPolicy rules (json.kyverno.io/v1alpha1), compiled
// once: structure checked as kyverno-json's CRD schema does, every tree,
// expression and message compiled, then evaluated per payload with
// kyverno-json's flow (context, match, exclude, assert; every rule runs).
//
// Two kinds of problems: a document kyverno-json's loader would refuse (an
// unknown field, a missing `assert`, a rule name over 63 characters) is a
// PolicyError in every mode; a rule kyverno-json loads but cannot compile (an
// empty match, a tree or expression that does not compile) is, as in
// kyverno-json, that rule's ERROR when `ruleErrors` is 'report' (scan), and a
// PolicyError naming the rule and field path when it is 'refuse' (the
// default: a server must not run half a policy).
import type { Bindings } from '../bindings.js';
import { type AssertProgram, assertProgram, type CompiledAssertion, type MatchProgram, matchProgram } from '../tree/assertions.js';
import { type CompilerLookup, compileScalar, compileTree, TreeCompileError } from '../tree/compile.js';
import { internal, invalid } from '../tree/errors.js';
import { errorText } from '../types.js';
import { isPromise, loop, recover, then } from '../async.js';
import { checkDeadline, type Errs, NONE } from '../tree/flow.js';
import { goSyntax, GoRendered, goValue } from '../go/fmt.js';
import { compileMessage } from '../tree/message.js';
import type { TreeNode } from '../tree/nodes.js';
import { staticPath } from '../tree/path.js';
import { compileValueTree } from '../tree/value.js';
import type { Compiler, CompilerName, EvalScope, Expression, MaybePromise } from '../types.js';
import { DeadlineExceededError, EvaluationError, PolicyError } from '../types.js';
import { KYVERNO_JSON_API_VERSION } from './policy.js';
import type { CompiledRules, CompileOptions, ContextBinder, RuleEvalOptions, RuleResult, ValueProgram, Violation } from './rules.js';
import { array, KYVERNO_JSON_REQUIRED, object, onlyKeys, oneOf, required, ShapeError, string } from './shape.js';
import type { Json } from '../json.js';
import { runSteps, type Steps } from './steps.js';

export type RuleErrors = 'refuse' | 'report';

export interface CompiledValidatingPolicy {
  readonly name: string;
  readonly document: unknown;
  readonly rules: CompiledRules;
  /** Rules that did not compile (only with ruleErrors 'report'; they evaluate to status `error`). */
  readonly ruleErrors: readonly PolicyError[];
}

const COMPILER_NAMES: readonly CompilerName[] = ['jp', 'cel', 'jsonata'];
const OBJECT_META = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];
const RULE_FIELDS = ['name', 'compiler', 'context', 'match', 'exclude', 'identifier', 'feedback', 'assert'];
const MAX_RULE_NAME = 63;

const CEL_UNSUPPORTED: Compiler = {
  name: 'cel',
  compile() {
    throw new Error('the cel compiler is not supported yet');
  },
};

// ---- documents -------------------------------------------------------------

/** A json.kyverno.io/v1alpha1 ValidatingPolicy document. */
export function compileValidatingPolicy(doc: unknown, options: CompileOptions, ruleErrors: RuleErrors = 'refuse'): CompiledValidatingPolicy {
  return runSteps(compileValidatingPolicySteps(doc, options, ruleErrors));
}

/** compileValidatingPolicy, one rule per step. */
export function* compileValidatingPolicySteps(doc: unknown, options: CompileOptions, ruleErrors: RuleErrors = 'refuse'): Steps<CompiledValidatingPolicy> {
  return yield* shapedSteps(options, function* () {
    const policy = object(doc, '');
    const { apiVersion, kind } = policy;
    if (apiVersion !== KYVERNO_JSON_API_VERSION || kind !== 'ValidatingPolicy') {
      const [group, version] = typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      throw new ShapeError('', `policy type not supported ${group}/${String(version)}, Kind=${String(kind)}`);
    }
    onlyKeys(policy, ['apiVersion', 'kind', 'metadata', 'spec'], '');
    const metadata = object(present(policy.metadata) ?? {}, 'metadata');
    onlyKeys(metadata, OBJECT_META, 'metadata');
    const name = string(required(metadata, 'name', 'metadata', KYVERNO_JSON_REQUIRED), 'metadata.name');
    if (name === '') throw new ShapeError('metadata.name', 'Required value: name is required');
    const compiled = yield* buildRules(required(policy, 'spec', '', KYVERNO_JSON_REQUIRED), 'spec', options, ruleErrors);
    return { name, document: doc, rules: compiled.rules, ruleErrors: compiled.errors };
  });
}

/** A ValidatingPolicy `spec` (`compiler`, `rules`); kgate's own fields are removed by the caller. */
export function compileRules(spec: unknown, path: string, options: CompileOptions, ruleErrors: RuleErrors = 'refuse'): CompiledRules {
  return runSteps(compileRulesSteps(spec, path, options, ruleErrors));
}

/** compileRules, one rule per step. */
export function* compileRulesSteps(spec: unknown, path: string, options: CompileOptions, ruleErrors: RuleErrors = 'refuse'): Steps<CompiledRules> {
  return (yield* shapedSteps(options, () => buildRules(spec, path, options, ruleErrors))).rules;
}

/** Context entries as lazy bindings, each seeing the ones before it. */
export function compileContext(entries: unknown, path: string, options: CompileOptions): ContextBinder {
  return shaped(options, () => {
    checkContext(entries, path);
    return compiled(options, () => contextBinder(array(entries, path) as Json[], path, options, options.defaultCompiler));
  });
}

/** A kyverno-json `Any` value evaluated against a node: `(expr)` strings and keys are expressions. */
export function compileValue(value: unknown, path: string, options: CompileOptions): ValueProgram {
  return compiled(options, () => compileValueTree(value, path, compilerLookup(options, options.defaultCompiler)));
}

/** Structural problems (ShapeError) as PolicyErrors of this source. */
function shaped<T>(options: CompileOptions, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof ShapeError) throw new PolicyError(options.source, error.path, error.reason, options.document);
    throw error;
  }
}

function* shapedSteps<T>(options: CompileOptions, build: () => Steps<T>): Steps<T> {
  try {
    return yield* build();
  } catch (error) {
    if (error instanceof ShapeError) throw new PolicyError(options.source, error.path, error.reason, options.document);
    throw error;
  }
}

/** Compile problems (TreeCompileError) as PolicyErrors of this source. */
function compiled<T>(options: CompileOptions, build: () => T, rule?: string): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof TreeCompileError) throw compileProblem(options, error, rule);
    throw error;
  }
}

function compileProblem(options: CompileOptions, error: TreeCompileError, rule?: string): PolicyError {
  const where = rule === undefined ? '' : ` (rule ${JSON.stringify(rule)})`;
  return new PolicyError(options.source, error.field.path, `${error.field.detail}${where}`, options.document);
}

function present(value: unknown): unknown {
  return value === null ? undefined : value;
}

function compilerOf(value: Json, path: string): CompilerName | undefined {
  const compiler = present(value.compiler);
  return compiler === undefined ? undefined : oneOf(compiler, COMPILER_NAMES, `${path}.compiler`);
}

// ---- structure (kyverno-json's CRD schema) --------------------------------------

function* checkSpec(spec: unknown, path: string): Steps<Json[]> {
  const obj = object(spec, path);
  onlyKeys(obj, ['compiler', 'rules'], path);
  compilerOf(obj, path);
  const rules = array(required(obj, 'rules', path, KYVERNO_JSON_REQUIRED), `${path}.rules`);
  for (let i = 0; i < rules.length; i++) {
    checkRule(rules[i], `${path}.rules[${i}]`);
    yield;
  }
  return rules as Json[];
}

function checkRule(value: unknown, path: string): void {
  const rule = object(value, path);
  onlyKeys(rule, RULE_FIELDS, path);
  const name = string(required(rule, 'name', path, KYVERNO_JSON_REQUIRED), `${path}.name`);
  if (name.length > MAX_RULE_NAME) throw new ShapeError(`${path}.name`, `Too long: may not be longer than ${MAX_RULE_NAME}`);
  compilerOf(rule, path);
  checkContext(rule.context, `${path}.context`);
  for (const block of ['match', 'exclude'] as const) checkMatch(rule[block], `${path}.${block}`);
  if (present(rule.identifier) !== undefined) string(rule.identifier, `${path}.identifier`);
  checkEntries(rule.feedback, `${path}.feedback`, ['compiler', 'name', 'value']);
  checkAssert(required(rule, 'assert', path, KYVERNO_JSON_REQUIRED), `${path}.assert`);
}

function checkEntries(value: unknown, path: string, fields: string[]): void {
  if (present(value) === undefined) return;
  array(value, path).forEach((entry, i) => {
    const where = `${path}[${i}]`;
    const obj = object(entry, where);
    onlyKeys(obj, fields, where);
    string(required(obj, 'name', where, KYVERNO_JSON_REQUIRED), `${where}.name`);
    compilerOf(obj, where);
  });
}

function checkContext(value: unknown, path: string): void {
  checkEntries(value, path, ['compiler', 'name', 'variable']);
}

function checkMatch(value: unknown, path: string): void {
  if (present(value) === undefined) return;
  const match = object(value, path);
  onlyKeys(match, ['compiler', 'any', 'all'], path);
  compilerOf(match, path);
  for (const list of ['any', 'all'] as const) if (present(match[list]) !== undefined) array(match[list], `${path}.${list}`);
}

function checkAssert(value: unknown, path: string): void {
  const assert = object(value, path);
  onlyKeys(assert, ['compiler', 'any', 'all'], path);
  compilerOf(assert, path);
  for (const list of ['any', 'all'] as const) {
    if (present(assert[list]) === undefined) continue;
    array(assert[list], `${path}.${list}`).forEach((item, i) => {
      const where = `${path}.${list}[${i}]`;
      const assertion = object(item, where);
      onlyKeys(assertion, ['compiler', 'message', 'check'], where);
      compilerOf(assertion, where);
      if (present(assertion.message) !== undefined) string(assertion.message, `${where}.message`);
      if (!Object.hasOwn(assertion, 'check')) throw new ShapeError(`${where}.check`, 'Required value');
    });
  }
}

// ---- compilation ---------------------------------------------------------------

function compilerLookup(options: CompileOptions, level: CompilerName): CompilerLookup {
  const get = (name: CompilerName): Compiler => (name === 'cel' ? (options.compilers.cel ?? CEL_UNSUPPORTED) : options.compilers[name]);
  return (name) => (name === 'default' ? get(level) : (COMPILER_NAMES as readonly string[]).includes(name) ? get(name as CompilerName) : undefined);
}

interface RuleProgram {
  readonly name: string;
  run(payload: unknown, bindings: Bindings, deadline: number | undefined): MaybePromise<RuleResult>;
}

function* buildRules(spec: unknown, path: string, options: CompileOptions, mode: RuleErrors): Steps<{ rules: CompiledRules; errors: PolicyError[] }> {
  const rules = yield* checkSpec(spec, path);
  const level = compilerOf(spec as Json, path) ?? options.defaultCompiler;
  const errors: PolicyError[] = [];
  const programs: RuleProgram[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as Json;
    const where = `${path}.rules[${i}]`;
    const name = rule.name as string;
    try {
      programs.push(compileRule(rule, where, options, compilerOf(rule, where) ?? level));
    } catch (error) {
      if (!(error instanceof TreeCompileError)) throw error;
      if (mode === 'refuse') throw compileProblem(options, error, name);
      errors.push(compileProblem(options, error, name));
      programs.push(brokenRule(name, error));
    }
    yield;
  }
  return { rules: rulesOf(level, programs), errors };
}

function rulesOf(compiler: CompilerName, programs: readonly RuleProgram[]): CompiledRules {
  return {
    compiler,
    ruleNames: programs.map((p) => p.name),
    evaluate(payload: unknown, options: RuleEvalOptions): Promise<RuleResult[]> {
      const { bindings } = options;
      const results: RuleResult[] = [];
      try {
        const done = loop(programs.length, (i) =>
          then((programs[i] as RuleProgram).run(payload, bindings, options.deadline), (result) => {
            results.push(result);
            return false;
          }),
        );
        return isPromise(done) ? done.then(() => results) : Promise.resolve(results);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    *probe(payload: unknown, bindings: Bindings, budgetMs: number): Generator<number, void, void> {
      for (const program of programs) {
        const start = performance.now();
        try {
          const result = program.run(payload, bindings, start + budgetMs);
          if (isPromise(result)) result.catch(() => undefined);
        } catch {
          // Past its own deadline: the time spent is the measure.
        }
        yield performance.now() - start;
      }
    },
  };
}

/** kyverno-json compiles rules when it runs them: a rule that does not compile reports an ERROR. */
function brokenRule(name: string, error: TreeCompileError): RuleProgram {
  const result: RuleResult = { rule: name, status: 'error', violations: [], error: error.message, cause: error };
  return { name, run: () => result };
}

function compileRule(rule: Json, path: string, options: CompileOptions, level: CompilerName): RuleProgram {
  const context = contextBinder((present(rule.context) ?? []) as Json[], `${path}.context`, options, level);
  const identifier = compileIdentifier(rule.identifier, `${path}.identifier`, options);
  const match = compileMatch(rule.match, `${path}.match`, options, level);
  const exclude = compileMatch(rule.exclude, `${path}.exclude`, options, level);
  compileFeedback(rule.feedback, `${path}.feedback`, options, level);
  const assert = compileAssert(rule.assert as Json, `${path}.assert`, options, level);
  const name = rule.name as string;
  return {
    name,
    run(payload, base, deadline) {
      const bindings = context(payload, base.with('rule', rule), deadline);
      const scope: EvalScope = { bindings, deadline };
      const finish = (result: RuleResult) => (identifier ? then(identifier(payload, scope), (id) => ({ ...result, identifier: id })) : result);
      const evaluated = attempt(
        () => evaluateRule(name, payload, scope, match, exclude, assert),
        (error): RuleResult => ({ rule: name, status: 'error', violations: [], error: errorText(error), cause: error }),
      );
      return then(evaluated, finish);
    },
  };
}

const skipped = (rule: string): RuleResult => ({ rule, status: 'skip', violations: [] });

function evaluateRule(
  rule: string,
  payload: unknown,
  scope: EvalScope,
  match: MatchProgram | undefined,
  exclude: MatchProgram | undefined,
  assert: AssertProgram,
): MaybePromise<RuleResult> {
  checkDeadline(scope);
  return then(match ? match(payload, scope) : NONE, (misses: Errs) => {
    if (misses.length > 0) return skipped(rule);
    return then(exclude ? exclude(payload, scope) : undefined, (excluded: Errs | undefined) => {
      if (excluded?.length === 0) return skipped(rule);
      return then(assert(payload, scope), (violations: Violation[]) => ({
        rule,
        status: violations.length > 0 ? ('fail' as const) : ('pass' as const),
        violations,
      }));
    });
  });
}

/** A failure becomes the rule's error; running past the deadline stops everything. */
function attempt<T>(run: () => MaybePromise<T>, onError: (error: unknown) => T): MaybePromise<T> {
  const handle = (error: unknown): T => {
    if (error instanceof DeadlineExceededError) throw error;
    return onError(error);
  };
  try {
    const result = run();
    return recover(result, handle);
  } catch (error) {
    return handle(error);
  }
}

function contextBinder(entries: readonly Json[], path: string, options: CompileOptions, level: CompilerName): ContextBinder {
  const steps = entries.map((entry, i) => {
    const where = `${path}[${i}].variable`;
    const scalar = compileScalar(present(entry.variable) ?? null, where, compilerLookup(options, compilerOf(entry, `${path}[${i}]`) ?? level));
    return { name: entry.name as string, where, scalar };
  });
  return (payload, bindings, deadline) => {
    for (const { name, where, scalar } of steps) {
      if (scalar.kind === 'literal') {
        bindings = bindings.with(name, scalar.value);
        continue;
      }
      const scope: EvalScope = { bindings, deadline };
      bindings = bindings.withLazy(name, () => contextValue(scalar.expression, payload, scope, where));
    }
    return bindings;
  };
}

/** A context variable's failure reads as kyverno-json's `<path>.variable: Internal error: <reason>`. */
function contextValue(expression: Expression, payload: unknown, scope: EvalScope, where: string): MaybePromise<unknown> {
  const fail = (error: unknown): never => {
    if (error instanceof DeadlineExceededError) throw error;
    throw new EvaluationError(internal(staticPath(where), errorText(error)).toString(), { cause: error });
  };
  try {
    const value = expression.evaluate(payload, scope);
    return isPromise(value) ? value.then((v) => v ?? null, fail) : (value ?? null);
  } catch (error) {
    return fail(error);
  }
}

/** `identifier`: always JMESPath; rendered as Go's fmt.Sprint, `(error: ...)` when it fails. */
function compileIdentifier(value: unknown, path: string, options: CompileOptions): ((payload: unknown, scope: EvalScope) => MaybePromise<string>) | undefined {
  const source = present(value) as string | undefined;
  if (!source) return undefined;
  let expression: Expression;
  try {
    expression = options.compilers.jp.compile(source);
  } catch (error) {
    throw new TreeCompileError(internal(staticPath(path), errorText(error)));
  }
  return (payload, scope) =>
    attempt(
      () => then(expression.evaluate(payload, scope), (result) => goValue(result)),
      (error) => `(error: ${errorText(error)})`,
    );
}

function compileMatch(value: unknown, path: string, options: CompileOptions, level: CompilerName): MatchProgram | undefined {
  if (present(value) === undefined) return undefined;
  const block = value as Json;
  const any = (present(block.any) ?? []) as unknown[];
  const all = (present(block.all) ?? []) as unknown[];
  if (any.length === 0 && all.length === 0)
    throw new TreeCompileError(invalid(staticPath(path), goStruct('Match', 'AssertionTree', block), 'an empty match is not valid'));
  const lookup = compilerLookup(options, compilerOf(block, path) ?? level);
  const trees = (list: unknown[], name: string): TreeNode[] => list.map((tree, i) => compileTree(tree, `${path}.${name}[${i}]`, lookup));
  return matchProgram(trees(any, 'any'), trees(all, 'all'));
}

function compileAssert(block: Json, path: string, options: CompileOptions, level: CompilerName): AssertProgram {
  const any = (present(block.any) ?? []) as Json[];
  const all = (present(block.all) ?? []) as Json[];
  const blockLevel = compilerOf(block, path) ?? level;
  if (any.length === 0 && all.length === 0)
    throw new TreeCompileError(invalid(staticPath(path), goStruct('Assert', 'Assertion', block), 'an empty assert is not valid'));
  const assertions = (list: Json[], name: string): CompiledAssertion[] =>
    list.map((assertion, i) => {
      const where = `${path}.${name}[${i}]`;
      const node = compileTree(assertion.check ?? null, `${where}.check`, compilerLookup(options, compilerOf(assertion, where) ?? blockLevel));
      const message = present(assertion.message) as string | undefined;
      return message === undefined ? { check: where, node } : { check: where, node, message: compileMessage(message, options.compilers.jp) };
    });
  return assertProgram(assertions(any, 'any'), assertions(all, 'all'));
}

/** Feedback is compiled (a broken one fails the rule, as in kyverno-json) but never evaluated: nothing reads it. */
function compileFeedback(value: unknown, path: string, options: CompileOptions, level: CompilerName): void {
  ((present(value) ?? []) as Json[]).forEach((entry, i) => {
    const where = `${path}[${i}]`;
    if (present(entry.value) !== undefined) compileScalar(entry.value, `${where}.value`, compilerLookup(options, compilerOf(entry, where) ?? level));
  });
}

/** Go's `%#v` of the v1alpha1.Match / v1alpha1.Assert struct kyverno-json reports for an empty block. */
function goStruct(type: string, item: string, block: Json): GoRendered {
  const list = (v: unknown) => (Array.isArray(v) ? `[]v1alpha1.${item}{}` : `[]v1alpha1.${item}(nil)`);
  const compiler = present(block.compiler) === undefined ? '(*v1alpha1.Compiler)(nil)' : `(*v1alpha1.Compiler)(${goSyntax(block.compiler)})`;
  return new GoRendered(`v1alpha1.${type}{Compiler:${compiler}, Any:${list(block.any)}, All:${list(block.all)}}`, block);
}
