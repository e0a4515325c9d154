import { assertProgram, matchProgram } from '../tree/assertions.js';
import { compileScalar, compileTree, TreeCompileError } from '../tree/compile.js';
import { internal, invalid } from '../tree/errors.js';
import { errorText } from '../types.js';
import { isPromise, loop, recover, then } from '../async.js';
import { checkDeadline, NONE } from '../tree/flow.js';
import { goSyntax, GoRendered, goValue } from '../go/fmt.js';
import { compileMessage } from '../tree/message.js';
import { staticPath } from '../tree/path.js';
import { compileValueTree } from '../tree/value.js';
import { DeadlineExceededError, EvaluationError, PolicyError } from '../types.js';
import { KYVERNO_JSON_API_VERSION } from './policy.js';
import { array, KYVERNO_JSON_REQUIRED, object, onlyKeys, oneOf, required, ShapeError, string } from './shape.js';
import { runSteps } from './steps.js';
const COMPILER_NAMES = ['jp', 'cel', 'jsonata'];
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
const CEL_UNSUPPORTED = {
    name: 'cel',
    compile() {
        throw new Error('the cel compiler is not supported yet');
    },
};
// ---- documents -------------------------------------------------------------
/** A json.kyverno.io/v1alpha1 ValidatingPolicy document. */
export function compileValidatingPolicy(doc, options, ruleErrors = 'refuse') {
    return runSteps(compileValidatingPolicySteps(doc, options, ruleErrors));
}
/** compileValidatingPolicy, one rule per step. */
export function* compileValidatingPolicySteps(doc, options, ruleErrors = 'refuse') {
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
        if (name === '')
            throw new ShapeError('metadata.name', 'Required value: name is required');
        const compiled = yield* buildRules(required(policy, 'spec', '', KYVERNO_JSON_REQUIRED), 'spec', options, ruleErrors);
        return { name, document: doc, rules: compiled.rules, ruleErrors: compiled.errors };
    });
}
/** A ValidatingPolicy `spec` (`compiler`, `rules`); kgate's own fields are removed by the caller. */
export function compileRules(spec, path, options, ruleErrors = 'refuse') {
    return runSteps(compileRulesSteps(spec, path, options, ruleErrors));
}
/** compileRules, one rule per step. */
export function* compileRulesSteps(spec, path, options, ruleErrors = 'refuse') {
    return (yield* shapedSteps(options, () => buildRules(spec, path, options, ruleErrors))).rules;
}
/** Context entries as lazy bindings, each seeing the ones before it. */
export function compileContext(entries, path, options) {
    return shaped(options, () => {
        checkContext(entries, path);
        return compiled(options, () => contextBinder(array(entries, path), path, options, options.defaultCompiler));
    });
}
/** A kyverno-json `Any` value evaluated against a node: `(expr)` strings and keys are expressions. */
export function compileValue(value, path, options) {
    return compiled(options, () => compileValueTree(value, path, compilerLookup(options, options.defaultCompiler)));
}
/** Structural problems (ShapeError) as PolicyErrors of this source. */
function shaped(options, build) {
    try {
        return build();
    }
    catch (error) {
        if (error instanceof ShapeError)
            throw new PolicyError(options.source, error.path, error.reason, options.document);
        throw error;
    }
}
function* shapedSteps(options, build) {
    try {
        return yield* build();
    }
    catch (error) {
        if (error instanceof ShapeError)
            throw new PolicyError(options.source, error.path, error.reason, options.document);
        throw error;
    }
}
/** Compile problems (TreeCompileError) as PolicyErrors of this source. */
function compiled(options, build, rule) {
    try {
        return build();
    }
    catch (error) {
        if (error instanceof TreeCompileError)
            throw compileProblem(options, error, rule);
        throw error;
    }
}
function compileProblem(options, error, rule) {
    const where = rule === undefined ? '' : ` (rule ${JSON.stringify(rule)})`;
    return new PolicyError(options.source, error.field.path, `${error.field.detail}${where}`, options.document);
}
function present(value) {
    return value === null ? undefined : value;
}
function compilerOf(value, path) {
    const compiler = present(value.compiler);
    return compiler === undefined ? undefined : oneOf(compiler, COMPILER_NAMES, `${path}.compiler`);
}
// ---- structure (kyverno-json's CRD schema) --------------------------------------
function* checkSpec(spec, path) {
    const obj = object(spec, path);
    onlyKeys(obj, ['compiler', 'rules'], path);
    compilerOf(obj, path);
    const rules = array(required(obj, 'rules', path, KYVERNO_JSON_REQUIRED), `${path}.rules`);
    for (let i = 0; i < rules.length; i++) {
        checkRule(rules[i], `${path}.rules[${i}]`);
        yield;
    }
    return rules;
}
function checkRule(value, path) {
    const rule = object(value, path);
    onlyKeys(rule, RULE_FIELDS, path);
    const name = string(required(rule, 'name', path, KYVERNO_JSON_REQUIRED), `${path}.name`);
    if (name.length > MAX_RULE_NAME)
        throw new ShapeError(`${path}.name`, `Too long: may not be longer than ${MAX_RULE_NAME}`);
    compilerOf(rule, path);
    checkContext(rule.context, `${path}.context`);
    for (const block of ['match', 'exclude'])
        checkMatch(rule[block], `${path}.${block}`);
    if (present(rule.identifier) !== undefined)
        string(rule.identifier, `${path}.identifier`);
    checkEntries(rule.feedback, `${path}.feedback`, ['compiler', 'name', 'value']);
    checkAssert(required(rule, 'assert', path, KYVERNO_JSON_REQUIRED), `${path}.assert`);
}
function checkEntries(value, path, fields) {
    if (present(value) === undefined)
        return;
    array(value, path).forEach((entry, i) => {
        const where = `${path}[${i}]`;
        const obj = object(entry, where);
        onlyKeys(obj, fields, where);
        string(required(obj, 'name', where, KYVERNO_JSON_REQUIRED), `${where}.name`);
        compilerOf(obj, where);
    });
}
function checkContext(value, path) {
    checkEntries(value, path, ['compiler', 'name', 'variable']);
}
function checkMatch(value, path) {
    if (present(value) === undefined)
        return;
    const match = object(value, path);
    onlyKeys(match, ['compiler', 'any', 'all'], path);
    compilerOf(match, path);
    for (const list of ['any', 'all'])
        if (present(match[list]) !== undefined)
            array(match[list], `${path}.${list}`);
}
function checkAssert(value, path) {
    const assert = object(value, path);
    onlyKeys(assert, ['compiler', 'any', 'all'], path);
    compilerOf(assert, path);
    for (const list of ['any', 'all']) {
        if (present(assert[list]) === undefined)
            continue;
        array(assert[list], `${path}.${list}`).forEach((item, i) => {
            const where = `${path}.${list}[${i}]`;
            const assertion = object(item, where);
            onlyKeys(assertion, ['compiler', 'message', 'check'], where);
            compilerOf(assertion, where);
            if (present(assertion.message) !== undefined)
                string(assertion.message, `${where}.message`);
            if (!Object.hasOwn(assertion, 'check'))
                throw new ShapeError(`${where}.check`, 'Required value');
        });
    }
}
// ---- compilation ---------------------------------------------------------------
function compilerLookup(options, level) {
    const get = (name) => (name === 'cel' ? (options.compilers.cel ?? CEL_UNSUPPORTED) : options.compilers[name]);
    return (name) => (name === 'default' ? get(level) : COMPILER_NAMES.includes(name) ? get(name) : undefined);
}
function* buildRules(spec, path, options, mode) {
    const rules = yield* checkSpec(spec, path);
    const level = compilerOf(spec, path) ?? options.defaultCompiler;
    const errors = [];
    const programs = [];
    for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        const where = `${path}.rules[${i}]`;
        const name = rule.name;
        try {
            programs.push(compileRule(rule, where, options, compilerOf(rule, where) ?? level));
        }
        catch (error) {
            if (!(error instanceof TreeCompileError))
                throw error;
            if (mode === 'refuse')
                throw compileProblem(options, error, name);
            errors.push(compileProblem(options, error, name));
            programs.push(brokenRule(name, error));
        }
        yield;
    }
    return { rules: rulesOf(level, programs), errors };
}
function rulesOf(compiler, programs) {
    return {
        compiler,
        ruleNames: programs.map((p) => p.name),
        evaluate(payload, options) {
            const { bindings } = options;
            const results = [];
            try {
                const done = loop(programs.length, (i) => then(programs[i].run(payload, bindings, options.deadline), (result) => {
                    results.push(result);
                    return false;
                }));
                return isPromise(done) ? done.then(() => results) : Promise.resolve(results);
            }
            catch (error) {
                return Promise.reject(error);
            }
        },
        *probe(payload, bindings, budgetMs) {
            for (const program of programs) {
                const start = performance.now();
                try {
                    const result = program.run(payload, bindings, start + budgetMs);
                    if (isPromise(result))
                        result.catch(() => undefined);
                }
                catch {
                    // Past its own deadline: the time spent is the measure.
                }
                yield performance.now() - start;
            }
        },
    };
}
/** kyverno-json compiles rules when it runs them: a rule that does not compile reports an ERROR. */
function brokenRule(name, error) {
    const result = { rule: name, status: 'error', violations: [], error: error.message, cause: error };
    return { name, run: () => result };
}
function compileRule(rule, path, options, level) {
    const context = contextBinder((present(rule.context) ?? []), `${path}.context`, options, level);
    const identifier = compileIdentifier(rule.identifier, `${path}.identifier`, options);
    const match = compileMatch(rule.match, `${path}.match`, options, level);
    const exclude = compileMatch(rule.exclude, `${path}.exclude`, options, level);
    compileFeedback(rule.feedback, `${path}.feedback`, options, level);
    const assert = compileAssert(rule.assert, `${path}.assert`, options, level);
    const name = rule.name;
    return {
        name,
        run(payload, base, deadline) {
            const bindings = context(payload, base.with('rule', rule), deadline);
            const scope = { bindings, deadline };
            const finish = (result) => (identifier ? then(identifier(payload, scope), (id) => ({ ...result, identifier: id })) : result);
            const evaluated = attempt(() => evaluateRule(name, payload, scope, match, exclude, assert), (error) => ({ rule: name, status: 'error', violations: [], error: errorText(error), cause: error }));
            return then(evaluated, finish);
        },
    };
}
const skipped = (rule) => ({ rule, status: 'skip', violations: [] });
function evaluateRule(rule, payload, scope, match, exclude, assert) {
    checkDeadline(scope);
    return then(match ? match(payload, scope) : NONE, (misses) => {
        if (misses.length > 0)
            return skipped(rule);
        return then(exclude ? exclude(payload, scope) : undefined, (excluded) => {
            if (excluded?.length === 0)
                return skipped(rule);
            return then(assert(payload, scope), (violations) => ({
                rule,
                status: violations.length > 0 ? 'fail' : 'pass',
                violations,
            }));
        });
    });
}
/** A failure becomes the rule's error; running past the deadline stops everything. */
function attempt(run, onError) {
    const handle = (error) => {
        if (error instanceof DeadlineExceededError)
            throw error;
        return onError(error);
    };
    try {
        const result = run();
        return recover(result, handle);
    }
    catch (error) {
        return handle(error);
    }
}
function contextBinder(entries, path, options, level) {
    const steps = entries.map((entry, i) => {
        const where = `${path}[${i}].variable`;
        const scalar = compileScalar(present(entry.variable) ?? null, where, compilerLookup(options, compilerOf(entry, `${path}[${i}]`) ?? level));
        return { name: entry.name, where, scalar };
    });
    return (payload, bindings, deadline) => {
        for (const { name, where, scalar } of steps) {
            if (scalar.kind === 'literal') {
                bindings = bindings.with(name, scalar.value);
                continue;
            }
            const scope = { bindings, deadline };
            bindings = bindings.withLazy(name, () => contextValue(scalar.expression, payload, scope, where));
        }
        return bindings;
    };
}
/** A context variable's failure reads as kyverno-json's `<path>.variable: Internal error: <reason>`. */
function contextValue(expression, payload, scope, where) {
    const fail = (error) => {
        if (error instanceof DeadlineExceededError)
            throw error;
        throw new EvaluationError(internal(staticPath(where), errorText(error)).toString(), { cause: error });
    };
    try {
        const value = expression.evaluate(payload, scope);
        return isPromise(value) ? value.then((v) => v ?? null, fail) : (value ?? null);
    }
    catch (error) {
        return fail(error);
    }
}
/** `identifier`: always JMESPath; rendered as Go's fmt.Sprint, `(error: ...)` when it fails. */
function compileIdentifier(value, path, options) {
    const source = present(value);
    if (!source)
        return undefined;
    let expression;
    try {
        expression = options.compilers.jp.compile(source);
    }
    catch (error) {
        throw new TreeCompileError(internal(staticPath(path), errorText(error)));
    }
    return (payload, scope) => attempt(() => then(expression.evaluate(payload, scope), (result) => goValue(result)), (error) => `(error: ${errorText(error)})`);
}
function compileMatch(value, path, options, level) {
    if (present(value) === undefined)
        return undefined;
    const block = value;
    const any = (present(block.any) ?? []);
    const all = (present(block.all) ?? []);
    if (any.length === 0 && all.length === 0)
        throw new TreeCompileError(invalid(staticPath(path), goStruct('Match', 'AssertionTree', block), 'an empty match is not valid'));
    const lookup = compilerLookup(options, compilerOf(block, path) ?? level);
    const trees = (list, name) => list.map((tree, i) => compileTree(tree, `${path}.${name}[${i}]`, lookup));
    return matchProgram(trees(any, 'any'), trees(all, 'all'));
}
function compileAssert(block, path, options, level) {
    const any = (present(block.any) ?? []);
    const all = (present(block.all) ?? []);
    const blockLevel = compilerOf(block, path) ?? level;
    if (any.length === 0 && all.length === 0)
        throw new TreeCompileError(invalid(staticPath(path), goStruct('Assert', 'Assertion', block), 'an empty assert is not valid'));
    const assertions = (list, name) => list.map((assertion, i) => {
        const where = `${path}.${name}[${i}]`;
        const node = compileTree(assertion.check ?? null, `${where}.check`, compilerLookup(options, compilerOf(assertion, where) ?? blockLevel));
        const message = present(assertion.message);
        return message === undefined ? { check: where, node } : { check: where, node, message: compileMessage(message, options.compilers.jp) };
    });
    return assertProgram(assertions(any, 'any'), assertions(all, 'all'));
}
/** Feedback is compiled (a broken one fails the rule, as in kyverno-json) but never evaluated: nothing reads it. */
function compileFeedback(value, path, options, level) {
    (present(value) ?? []).forEach((entry, i) => {
        const where = `${path}[${i}]`;
        if (present(entry.value) !== undefined)
            compileScalar(entry.value, `${where}.value`, compilerLookup(options, compilerOf(entry, where) ?? level));
    });
}
/** Go's `%#v` of the v1alpha1.Match / v1alpha1.Assert struct kyverno-json reports for an empty block. */
function goStruct(type, item, block) {
    const list = (v) => (Array.isArray(v) ? `[]v1alpha1.${item}{}` : `[]v1alpha1.${item}(nil)`);
    const compiler = present(block.compiler) === undefined ? '(*v1alpha1.Compiler)(nil)' : `(*v1alpha1.Compiler)(${goSyntax(block.compiler)})`;
    return new GoRendered(`v1alpha1.${type}{Compiler:${compiler}, Any:${list(block.any)}, All:${list(block.all)}}`, block);
}
//# sourceMappingURL=validating.js.map