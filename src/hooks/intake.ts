// Envoy Gateway's extension resources (the JSON of whole Kubernetes objects)
// to compiled policies. EG sends the same objects with every listener of a
// Gateway, so each version is compiled once; a version that does not compile
// is refused, and the last valid version of that object stays in force.
import type { Logger } from 'pino';
import { compilePolicyObject } from '../engine/policy/load.js';
import type { CompiledPolicy } from '../engine/policy/policy.js';
import { PolicyError, type Compilers, errorText } from '../engine/types.js';
import { isObject } from '../engine/json.js';

interface Seen {
  /** The compiled content: apiVersion, kind, namespace, name and spec. */
  readonly key: string;
  readonly result: CompiledPolicy | Error;
}

/** A compiled policy and the resource bytes it came from. */
interface InForce {
  readonly policy: CompiledPolicy;
  readonly bytes: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Distinct valid resource texts remembered by their bytes (beyond it the memo starts over). */
const MAX_MEMO = 4096;

interface Memo {
  readonly identity: string;
  readonly seen: Seen;
  readonly valid: InForce;
}

export class PolicyIntake {
  private readonly seen = new Map<string, Seen>();
  private readonly lastValid = new Map<string, InForce>();
  /**
   * Valid versions by their exact bytes: EG sends the same object with every listener and,
   * for route policies, with every xds route of the route (1,000 rules, 1,000 calls), so a
   * byte-equal resource skips JSON.parse and the compile-cache key.
   */
  private readonly memo = new Map<string, Memo>();

  constructor(
    private readonly compilers: Compilers,
    private readonly logger: Logger,
  ) {}

  /** The policies among `resources`, one per id; bad resources are logged and skipped. */
  read(resources: readonly Uint8Array[], listener: string): CompiledPolicy[] {
    return this.readInForce(resources, listener).policies;
  }

  /**
   * The policies, and the resource bytes that are in force for them: a refused object's
   * last valid version, so a state file written from them restores what was deciding.
   */
  readInForce(resources: readonly Uint8Array[], listener: string): { policies: CompiledPolicy[]; bytes: Uint8Array[] } {
    const policies = new Map<string, InForce>();
    resources.forEach((bytes, index) => {
      const valid = this.readOne(bytes, index, listener);
      if (valid) policies.set(valid.policy.id, valid);
    });
    const inForce = [...policies.values()];
    return { policies: inForce.map((v) => v.policy), bytes: inForce.map((v) => v.bytes) };
  }

  private readOne(bytes: Uint8Array, index: number, listener: string): InForce | undefined {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const memo = this.memo.get(text);
    if (memo) {
      // What intake() would do for these bytes: this version is the one seen and the last valid.
      this.seen.set(memo.identity, memo.seen);
      this.lastValid.set(memo.identity, memo.valid);
      return memo.valid;
    }
    const read = this.parseOne(bytes, index, listener);
    if (!read) return undefined;
    const seen = this.seen.get(read.identity);
    // Only a version that compiled: a refused one answers with whatever is last valid at the time.
    if (seen && seen.result === read.valid.policy) {
      if (this.memo.size >= MAX_MEMO) this.memo.clear();
      this.memo.set(text, { identity: read.identity, seen, valid: read.valid });
    }
    return read.valid;
  }

  private parseOne(bytes: Uint8Array, index: number, listener: string): { identity: string; valid: InForce } | undefined {
    let object: unknown;
    try {
      object = JSON.parse(utf8.decode(bytes));
    } catch (error) {
      this.logger.error({ listener, resource: index, reason: errorText(error) }, 'extension resource refused: not JSON');
      return undefined;
    }
    // Whatever one resource holds (nesting deep enough to overflow the stack included), the others still apply.
    try {
      return this.intake(object, bytes, index, listener);
    } catch (error) {
      this.logger.error({ listener, resource: index, policy: nameOf(object, index), reason: errorText(error) }, 'extension resource refused');
      return undefined;
    }
  }

  private intake(object: unknown, bytes: Uint8Array, index: number, listener: string): { identity: string; valid: InForce } | undefined {
    const { identity, source, key } = describe(object, index);
    const fresh = this.seen.get(identity)?.key !== key;
    if (fresh) this.seen.set(identity, { key, result: this.compile(object, source) });
    const { result } = this.seen.get(identity)!;
    if (!(result instanceof Error)) {
      const valid = { policy: result, bytes };
      this.lastValid.set(identity, valid);
      return { identity, valid };
    }
    const previous = this.lastValid.get(identity);
    const details = { listener, policy: identity, ...errorFields(result), lastValidInForce: previous !== undefined };
    // Logged once per version: EG sends the same object with every listener.
    if (fresh) this.logger.error(details, 'policy refused');
    return previous && { identity, valid: previous };
  }

  private compile(object: unknown, source: string): CompiledPolicy | Error {
    try {
      const policy = compilePolicyObject(object, source, this.compilers);
      if (policy.targetRefs.length === 0 && !policy.targetSelectors) {
        throw new PolicyError(
          source,
          'spec.targetRefs',
          'no targets: Envoy Gateway attaches a policy through spec.targetRefs, spec.targetRef or spec.targetSelectors',
        );
      }
      return policy;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}

/** How logs name the object, the PolicyError source, and the compile cache key. */
function describe(object: unknown, index: number): { identity: string; source: string; key: string } {
  const o = isObject(object) ? object : {};
  const metadata = isObject(o.metadata) ? o.metadata : {};
  const name = nameOf(object, index);
  return {
    identity: `${scalar(o.kind) ?? 'object'} ${name} (${scalar(o.apiVersion) ?? 'no apiVersion'})`,
    source: `extension resource ${name}`,
    key: JSON.stringify([o.apiVersion, o.kind, metadata.namespace, metadata.name, o.spec]),
  };
}

/** `namespace/name`, or `#index` when the object has no usable name; reads only scalars, so it cannot throw. */
function nameOf(object: unknown, index: number): string {
  const metadata = isObject(object) && isObject(object.metadata) ? object.metadata : {};
  const namespace = scalar(metadata.namespace);
  return `${namespace === undefined ? '' : `${namespace}/`}${scalar(metadata.name) ?? `#${index}`}`;
}

/** A scalar as text, clipped so a megabyte name does not become a megabyte log line. */
function scalar(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = String(value);
  return text.length > 253 ? `${text.slice(0, 253)}…` : text;
}

function errorFields(error: Error): Record<string, unknown> {
  return error instanceof PolicyError ? { path: error.path, reason: error.reason } : { reason: error.message };
}
