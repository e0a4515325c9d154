// The fuzz targets: real kgate components on loopback, and one function per
// entry point that sends a case and throws when the invariant breaks (no
// answer within the time box, an answer that is not a valid response, or an
// error that is not a clear one).
import { fromBinary } from '@bufbuild/protobuf';
import { status, type ServiceError } from '@grpc/grpc-js';
import { join } from 'node:path';
import { compilePolicies } from '../../../src/engine/policy/load.js';
import { CheckResponseSchema } from '../../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { client, unary } from '../../authz/support/grpc.js';
import { CHECK, httpRequest, ROOT, startInProcess, type Started } from '../../authz/support/server.js';
import { fixtureListeners } from '../../hooks/support/envoy.js';
import { listenerRequest, startHooks, testCompilers, type Harness } from '../../hooks/support/harness.js';
import type { HttpCase } from './arbitraries.js';

/** Scope metadata as the injected filter sends it. */
const METADATA = { 'x-kgate-sections': 'default/eg/http' };
/** Status codes that are a clear refusal of a Check, not a failure of kgate. */
const CLEAR_CHECK_ERRORS = new Set([status.INVALID_ARGUMENT, status.RESOURCE_EXHAUSTED, status.UNAVAILABLE]);
const CLEAR_HOOK_ERRORS = new Set([status.INVALID_ARGUMENT, status.RESOURCE_EXHAUSTED]);

export class Violation extends Error {}

/** `work` settled within `ms`, else a Violation naming `what`. */
export async function withinTimeBox<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Violation(`${what}: no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface CheckTarget {
  grpc(bytes: Uint8Array): Promise<void>;
  http(request: HttpCase): Promise<void>;
  /** Drops the log lines collected so far (the fuzzer sends many). */
  forget(): void;
  close(): Promise<void>;
}

/** An in-process kgate server with the books policy and decision logs on. */
export async function startCheckTarget(timeBoxMs: number): Promise<CheckTarget> {
  const started: Started = await startInProcess({ policyPaths: [join(ROOT, 'examples', 'books', 'kgate', 'policy.yaml')] });
  const grpcClient = client(started.addresses.grpc!);
  return {
    async grpc(bytes) {
      let reply: Buffer;
      try {
        reply = await withinTimeBox('Check over gRPC', timeBoxMs, unary(grpcClient, CHECK, bytes, METADATA));
      } catch (error) {
        if (error instanceof Violation) throw error;
        const { code, details } = error as ServiceError;
        if (!CLEAR_CHECK_ERRORS.has(code) || !details) throw new Violation(`Check over gRPC: unclear error ${code} ${JSON.stringify(details)}`);
        return;
      }
      const response = fromBinary(CheckResponseSchema, reply);
      if (response.status === undefined) throw new Violation('Check over gRPC: a CheckResponse without status');
    },
    async http(request) {
      const answered = httpRequest(started.addresses.http!, {
        method: request.method,
        path: request.path,
        headers: { ...request.headers, ...METADATA },
        ...(request.body === undefined ? {} : { body: request.body }),
      }).catch((error: Error) => {
        throw new Violation(`Check over HTTP: no answer: ${error.message}`);
      });
      const reply = await withinTimeBox('Check over HTTP', timeBoxMs, answered);
      if (!((reply.status >= 200 && reply.status < 500) || reply.status === 503))
        throw new Violation(`Check over HTTP: status ${reply.status} ${JSON.stringify(reply.body.slice(0, 200))}`);
    },
    forget() {
      started.logs.lines.length = 0;
    },
    async close() {
      grpcClient.close();
      await started.server.close();
    },
  };
}

/**
 * Parsing is linear in the bytes, at about 1 MB/s for YAML (the yaml
 * library) on a 2-core machine: a text's time box grows with it, by this
 * many ms per KiB. A quadratic loader (yaml's duplicate-key check took 36 s
 * for 492 KB) still fails it by far.
 */
export const LOAD_MS_PER_KIB = 2;

/** Loads `text` with the policy loader: compiled policies or an Error naming the source, within `timeBoxMs` plus LOAD_MS_PER_KIB per KiB. */
export function loadPolicy(text: string, baseTimeBoxMs: number): void {
  const timeBoxMs = Math.round(baseTimeBoxMs + (LOAD_MS_PER_KIB * text.length) / 1024);
  const source = 'fuzz/policy.yaml';
  const start = performance.now();
  try {
    compilePolicies(text, source, testCompilers);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes(source)) {
      throw new Violation(`policy loader: an error that does not name the file: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  } finally {
    const ms = performance.now() - start;
    if (ms > timeBoxMs) throw new Violation(`policy loader: ${ms.toFixed(0)} ms for ${text.length} characters (time box ${timeBoxMs} ms)`);
  }
}

export interface HookTarget {
  listenerModify(listener: Uint8Array, resources: Uint8Array[]): Promise<void>;
  close(): Promise<void>;
}

/** A plain-HTTP listener of gateway `eg`, as Envoy Gateway sends it. */
export const PLAIN_LISTENER = fixtureListeners('jwt-from-multiple-listeners.listeners.yaml')[0]!;

/** The Envoy Gateway extension service on a real gRPC server. */
export async function startHookTarget(timeBoxMs: number): Promise<HookTarget> {
  const hooks: Harness = await startHooks();
  return {
    async listenerModify(listener, resources) {
      try {
        await withinTimeBox('PostHTTPListenerModify', timeBoxMs, hooks.call('PostHTTPListenerModify', listenerRequest(listener, resources)));
      } catch (error) {
        if (error instanceof Violation) throw error;
        const { code, details } = error as ServiceError;
        if (!CLEAR_HOOK_ERRORS.has(code) || !details) throw new Violation(`PostHTTPListenerModify: unclear error ${code} ${JSON.stringify(details)}`);
      } finally {
        hooks.logs.length = 0;
        hooks.replaced.length = 0;
      }
    },
    close: () => hooks.close(),
  };
}
