// Policy documents in, compiled policies out, whatever their kind. Pure: the
// caller reads files or receives Kubernetes objects.
import type { Compilers } from '../types.js';
import { PolicyError } from '../types.js';
import { compileAuthorizationPolicySteps, mentionsBody } from './authorization.js';
import { assertWithinLimits, type ParsedDocument, parseDocuments } from './documents.js';
import type { CompiledPolicy } from './policy.js';
import { KGATE_API_VERSION, KYVERNO_JSON_API_VERSION } from './policy.js';
import { runSteps, type Steps } from './steps.js';
import { compileValidatingPolicySteps } from './validating.js';
import { compileKyvernoAuthzDocument, isKyvernoPoliciesApiVersion } from './kyverno-authz.js';
import { isObject } from '../json.js';

/** Every policy in a YAML/JSON text (one or many documents). Throws PolicyError on the first bad one. */
export function compilePolicies(text: string, source: string, compilers: Compilers): CompiledPolicy[] {
  return runSteps(compileDocuments(parseDocuments(text, source), source, compilers));
}

/** The policies of parsed documents (parseDocuments), a step per rule: run them with runSteps or runSliced. */
export function* compileDocuments(documents: readonly ParsedDocument[], source: string, compilers: Compilers): Steps<CompiledPolicy[]> {
  const counted = documents.length > 1;
  const policies: CompiledPolicy[] = [];
  for (const d of documents) {
    policies.push(yield* compileDocument(d.value, source, compilers, counted ? d.index : undefined));
    yield;
  }
  return policies;
}

/** One policy object (e.g. the Kubernetes object Envoy Gateway sends). */
export function compilePolicyObject(object: unknown, source: string, compilers: Compilers): CompiledPolicy {
  assertWithinLimits(object, source, undefined);
  return runSteps(compileDocument(object, source, compilers, undefined));
}

function* compileDocument(value: unknown, source: string, compilers: Compilers, document: number | undefined): Steps<CompiledPolicy> {
  if (!isObject(value)) throw new PolicyError(source, '', 'a policy document must be an object', document);
  const { apiVersion, kind } = value;
  if (apiVersion === KGATE_API_VERSION && kind === 'AuthorizationPolicy') {
    assertTopLevel(value, source, document);
    return yield* compileAuthorizationPolicySteps(value, source, compilers, document);
  }
  if (isKyvernoPoliciesApiVersion(apiVersion) && (kind === 'ValidatingPolicy' || kind === 'PolicyException')) {
    return compileKyvernoAuthzDocument(value, compilers.celEnvironment, { source, document });
  }
  if (apiVersion === KYVERNO_JSON_API_VERSION && kind === 'ValidatingPolicy') {
    const compiled = yield* compileValidatingPolicySteps(value, {
      source,
      compilers,
      defaultCompiler: 'jp',
      ...(document === undefined ? {} : { document }),
    });
    const metadata = isObject(value.metadata) ? value.metadata : {};
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    return {
      apiVersion: KYVERNO_JSON_API_VERSION,
      kind: 'ValidatingPolicy',
      name: compiled.name,
      ...(namespace === undefined ? {} : { namespace }),
      id: namespace === undefined ? compiled.name : `${namespace}/${compiled.name}`,
      source,
      document: value,
      targetRefs: [],
      targetSelectors: false,
      failurePolicy: 'Fail',
      mode: 'Enforce',
      readsBody: mentionsBody(value.spec),
      rules: compiled.rules,
    };
  }
  throw new PolicyError(
    source,
    apiVersion === KGATE_API_VERSION || apiVersion === KYVERNO_JSON_API_VERSION || isKyvernoPoliciesApiVersion(apiVersion) ? 'kind' : 'apiVersion',
    `not a policy: expected ${KGATE_API_VERSION} AuthorizationPolicy, ${KYVERNO_JSON_API_VERSION} ValidatingPolicy or policies.kyverno.io ValidatingPolicy/PolicyException, got ${String(apiVersion)} ${String(kind)}`,
    document,
  );
}

function assertTopLevel(value: Record<string, unknown>, source: string, document: number | undefined): void {
  for (const key of Object.keys(value)) {
    if (!['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(key)) {
      throw new PolicyError(source, key, 'unknown field (allowed: apiVersion, kind, metadata, spec, status)', document);
    }
  }
}
