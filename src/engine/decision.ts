// What an authorization decision is, independent of how it travels (gRPC
// CheckResponse, Envoy's HTTP protocol, `kgate check` output).
import type { Violation } from './policy/rules.js';

export interface Header {
  readonly name: string;
  readonly value: string;
}

export interface ResponseHeader extends Header {
  /** Append to an existing header of that name instead of overwriting it. */
  readonly append: boolean;
}

/** Why a decision came out as it did: one entry per violation, evaluation error or audit finding. */
export interface Reason {
  readonly policy: string;
  readonly rule?: string;
  /** violation: an enforcing rule failed. audit: an Audit-mode rule failed (logged, not enforced).
   *  error: evaluation failed (failurePolicy decided). */
  readonly kind: 'violation' | 'audit' | 'error';
  /** The rule's message, or the error text. Never shown to clients for `error`. */
  readonly message: string;
  /** The failed assertions of a violation or audit finding (messages and kyverno-json field errors), rendered only when read: see violationDetails. */
  readonly violations?: readonly Violation[];
}

export interface Decision {
  readonly allowed: boolean;
  /** HTTP status the client gets when denied (403 unless a rule says otherwise); 200 when allowed. */
  readonly httpStatus: number;
  /** gRPC code for CheckResponse.status: 0 when allowed, 7 (PERMISSION_DENIED) unless a rule says otherwise. */
  readonly grpcCode: number;
  /** Sent to the client on denial. */
  readonly denial?: { readonly headers: readonly Header[]; readonly body: string };
  /** Applied when allowed. */
  readonly upstream: {
    /** Headers set on the request to the upstream, overwriting (append=false). */
    readonly set: readonly Header[];
    /** Headers appended to the request to the upstream (append=true). */
    readonly append: readonly Header[];
    readonly remove: readonly string[];
    readonly setQuery: readonly Header[];
    readonly removeQuery: readonly string[];
  };
  /** Headers added to the response sent to the client (allowed requests). */
  readonly responseHeaders: readonly ResponseHeader[];
  /** dynamic_metadata (a protobuf Struct) for later filters and access logs. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly reasons: readonly Reason[];
  /** Ids of the policies that were evaluated, in order. */
  readonly policies: readonly string[];
  /** A Kyverno Authz policy's CheckResponse (protobuf JSON), sent to Envoy over gRPC exactly as built. */
  readonly envoy?: Readonly<Record<string, unknown>>;
}

/** The decision with no policy in scope or none deciding: allowed, nothing shaped. */
export const ALLOW_ALL: Decision = {
  allowed: true,
  httpStatus: 200,
  grpcCode: 0,
  upstream: { set: [], append: [], remove: [], setQuery: [], removeQuery: [] },
  responseHeaders: [],
  reasons: [],
  policies: [],
};
