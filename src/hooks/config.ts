// Settings of the ext_authz filter and cluster kgate injects (parsed from the
// --ext-authz-* flags by cli/hook-flags.ts, the same for `kgate serve` and
// `kgate inject`).

/** Where Envoy reaches kgate's gRPC endpoint. */
export type KgateAddress = { readonly kind: 'ip' | 'dns'; readonly host: string; readonly port: number } | { readonly kind: 'pipe'; readonly path: string };

/** Where the kgate filter goes among an HTTP connection manager's filters. */
export type FilterPosition = { readonly kind: 'auto' | 'first' | 'before-router' } | { readonly kind: 'before' | 'after'; readonly filter: string };

export interface HookConfig {
  /** xDS cluster name of kgate's gRPC endpoint (added by PostTranslateModify, named by the filter). */
  readonly cluster: string;
  readonly address: KgateAddress;
  /** ext_authz gRPC call timeout. */
  readonly timeoutMs: number;
  /** Envoy's TCP connect timeout to kgate. */
  readonly connectTimeoutMs: number;
  readonly position: FilterPosition;
  /** Request body bytes buffered for policies that read the body (a partial body is sent beyond it). */
  readonly maxRequestBytes: number;
  /** HTTP status Envoy answers when kgate errs or is unreachable and the scope fails closed. */
  readonly statusOnError: number;
}
