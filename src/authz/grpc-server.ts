// kgate's gRPC port: unary gRPC over node:http2 with our own framing.
//
// Why not @grpc/grpc-js: Envoy calls Check for every request, and on this
// project's 2-core benchmark machine grpc-js answers a no-op Check at 10.0k/s
// where node:http2 with the framing below answers the same work at 13.8k/s;
// the difference is a third of the whole per-Check budget. Everything on this
// port is unary (Check, gRPC health, the Envoy Gateway hooks), so the framing
// is one length-prefixed message each way. The Envoy Gateway hooks are served
// here too, as plain bytes-in, bytes-out handlers.
import http2, { type IncomingHttpHeaders, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import { performance } from 'node:perf_hooks';
import { isPromise } from '../engine/async.js';
import { GrpcCode, GrpcError } from '../engine/grpc-code.js';
import type { Logger } from '../runtime/logger.js';
import { listen, type ListenAddress } from '../runtime/address.js';

export interface UnaryCall {
  readonly path: string;
  /** Request headers: the call's metadata, pseudo-headers included. */
  readonly headers: IncomingHttpHeaders;
  readonly stream: ServerHttp2Stream;
}

/** One request message in, one response message out (both serialized). */
export type UnaryHandler = (request: Buffer, call: UnaryCall) => Uint8Array | Promise<Uint8Array>;

export interface GrpcServerOptions {
  readonly logger: Logger;
  /** Largest request message accepted (bytes) unless the route sets its own; larger ones get RESOURCE_EXHAUSTED without being buffered. */
  readonly maxReceiveBytes: number;
  /** Longest a request message may take to arrive, from the stream's headers to its end. */
  readonly receiveTimeoutMs?: number | undefined;
  /** Longest a stream may be silent while its request message is incomplete. */
  readonly idleTimeoutMs?: number | undefined;
  /** Request bytes buffered across all streams; a stream whose bytes would exceed it gets RESOURCE_EXHAUSTED. */
  readonly maxInFlightBytes?: number | undefined;
}

export interface RouteOptions {
  /** This method's largest request message (bytes), in place of the server's. */
  readonly maxReceiveBytes?: number;
}

export const GRPC_RECEIVE_DEFAULTS = { receiveTimeoutMs: 30_000, idleTimeoutMs: 10_000, maxInFlightBytes: 256 * 1024 * 1024 } as const;

interface Route {
  readonly handler: UnaryHandler;
  readonly maxReceiveBytes: number;
}

const RESPONSE_HEADERS = { ':status': 200, 'content-type': 'application/grpc', 'grpc-accept-encoding': 'identity' };
const OK_TRAILERS = { 'grpc-status': '0' };
const HEADER_BYTES = 5;
/** A connection with no new stream for this long (a few round trips within a cluster) is closed by a drain. */
const QUIET_MS = 100;
const QUIET_POLL_MS = 25;
/** The longest a drain waits for a busy connection to go quiet before closing it anyway. */
const QUIET_WAIT_MAX_MS = 1000;

export class GrpcServer {
  private readonly routes = new Map<string, Route>();
  private buffered = 0;
  /** While draining: when each connection last opened a stream. */
  private readonly lastStream = new WeakMap<http2.Http2Session, number>();
  private drainStart = -1;
  private readonly limits: { readonly receiveTimeoutMs: number; readonly idleTimeoutMs: number; readonly maxInFlightBytes: number };
  private readonly sessions = new Set<ServerHttp2Session>();
  private readonly server: http2.Http2Server;

  constructor(private readonly options: GrpcServerOptions) {
    this.limits = {
      receiveTimeoutMs: options.receiveTimeoutMs ?? GRPC_RECEIVE_DEFAULTS.receiveTimeoutMs,
      idleTimeoutMs: options.idleTimeoutMs ?? GRPC_RECEIVE_DEFAULTS.idleTimeoutMs,
      maxInFlightBytes: options.maxInFlightBytes ?? GRPC_RECEIVE_DEFAULTS.maxInFlightBytes,
    };
    // Session memory (MB) above the 10 MB default: Envoy Gateway's hook
    // payloads arrive as single messages of several MiB.
    this.server = http2.createServer({ maxSessionMemory: 64 });
    this.server.on('stream', (stream, headers) => this.onStream(stream, headers));
    this.server.on('session', (session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
    });
    // A peer that speaks garbage or drops the connection costs that connection only.
    this.server.on('sessionError', (error) => options.logger.debug({ err: error }, 'grpc connection error'));
  }

  /** Serves `path` (`/package.Service/Method`). */
  route(path: string, handler: UnaryHandler, options: RouteOptions = {}): void {
    if (this.routes.has(path)) throw new Error(`gRPC method ${path} is registered twice`);
    this.routes.set(path, { handler, maxReceiveBytes: options.maxReceiveBytes ?? this.options.maxReceiveBytes });
  }

  /** Request bytes received and not yet handed to a handler, over all streams. */
  get inFlightBytes(): number {
    return this.buffered;
  }

  listen(address: ListenAddress): Promise<string> {
    return listen(this.server, address);
  }

  /**
   * Stops accepting connections, then closes each open one (GOAWAY) once it
   * has been quiet, no new stream, for about a round trip: a stream already
   * on its way when a GOAWAY leaves is refused (REFUSED_STREAM), which
   * Envoy's ext_authz client answers with its `status_on_error`. The usual
   * cure, a first GOAWAY with the largest stream id, does not work here:
   * nghttp2 (under node:http2) ignores every new stream once it has sent any
   * GOAWAY. A connection that never goes quiet is closed after QUIET_WAIT_MAX_MS.
   * Calls in flight complete; connections still open after `timeoutMs` are cut.
   */
  async close(timeoutMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const start = performance.now();
    this.drainStart = start;
    const timer = setTimeout(() => {
      for (const session of this.sessions) session.destroy();
    }, timeoutMs);
    const maxWait = Math.min(QUIET_WAIT_MAX_MS, timeoutMs / 2);
    while (this.closeQuiet(performance.now() - start >= maxWait)) await new Promise((resolve) => setTimeout(resolve, QUIET_POLL_MS));
    await closed;
    clearTimeout(timer);
  }

  /** Closes the sessions quiet for QUIET_MS (all when `all`); whether some are left open. */
  private closeQuiet(all: boolean): boolean {
    const now = performance.now();
    let open = false;
    for (const session of this.sessions) {
      if (session.closed) continue;
      if (all || now - (this.lastStream.get(session) ?? this.drainStart) >= QUIET_MS) session.close();
      else open = true;
    }
    return open;
  }

  private onStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    if (this.drainStart >= 0) this.lastStream.set(stream.session!, performance.now());
    // A client that resets its call must not take the process down.
    stream.on('error', (error) => this.options.logger.debug({ err: error }, 'grpc stream error'));
    const contentType = headers['content-type'];
    if (typeof contentType !== 'string' || !contentType.startsWith('application/grpc')) {
      respondOnce(stream, { ':status': 415 }, { endStream: true });
      return;
    }
    const path = headers[':path'] ?? '';
    const route = this.routes.get(path);
    if (!route) {
      fail(stream, GrpcCode.UNIMPLEMENTED, `unknown method ${path}`);
      return;
    }
    this.receive(stream, path, route.maxReceiveBytes, (message) => this.dispatch(route.handler, message, { path, headers, stream }));
  }

  /**
   * Collects the one length-prefixed message of a unary call, refusing
   * oversized or compressed ones early. A peer that declares a large message
   * and then stalls would otherwise hold its bytes forever: the message must
   * arrive within the receive timeout, without a silence longer than the idle
   * timeout, and within the budget shared by every stream.
   */
  private receive(stream: ServerHttp2Stream, method: string, maxReceiveBytes: number, onMessage: (message: Buffer) => void): void {
    const { receiveTimeoutMs, idleTimeoutMs, maxInFlightBytes } = this.limits;
    const chunks: Buffer[] = [];
    let received = 0;
    let expected = -1;
    let done = false;
    const finish = () => {
      done = true;
      this.buffered -= received;
      chunks.length = 0;
      clearTimeout(deadline);
      stream.setTimeout(0);
    };
    const refuse = (code: number, message: string, rstCode = http2.constants.NGHTTP2_NO_ERROR) => {
      finish();
      fail(stream, code, message);
      stream.close(rstCode);
    };
    const stalled = (what: string) => () => {
      if (done) return;
      this.options.logger.warn({ method, received, expected }, `gRPC request ${what}: stream reset`);
      refuse(GrpcCode.DEADLINE_EXCEEDED, `request message ${what}`, http2.constants.NGHTTP2_CANCEL);
    };
    const deadline = setTimeout(stalled(`not received within ${receiveTimeoutMs} ms`), receiveTimeoutMs);
    stream.setTimeout(idleTimeoutMs, stalled(`idle for ${idleTimeoutMs} ms`));
    // The stream can also end by a client reset or a dropped connection.
    stream.once('close', () => done || finish());
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      if (this.buffered + chunk.length > maxInFlightBytes) {
        return refuse(GrpcCode.RESOURCE_EXHAUSTED, `kgate is buffering ${this.buffered} request bytes, its limit is ${maxInFlightBytes}: retry later`);
      }
      chunks.push(chunk);
      received += chunk.length;
      this.buffered += chunk.length;
      if (expected < 0 && received >= HEADER_BYTES) {
        const head = chunks.length === 1 ? chunk : Buffer.concat(chunks);
        if (head[0] !== 0) return refuse(GrpcCode.UNIMPLEMENTED, 'compressed messages are not supported (grpc-accept-encoding: identity)');
        expected = head.readUInt32BE(1);
        if (expected > maxReceiveBytes) {
          return refuse(GrpcCode.RESOURCE_EXHAUSTED, `request message of ${expected} bytes exceeds the limit of ${maxReceiveBytes} bytes`);
        }
      }
      if (expected >= 0 && received > expected + HEADER_BYTES) refuse(GrpcCode.UNIMPLEMENTED, 'a unary method received more than one request message');
    });
    stream.on('end', () => {
      if (done) return;
      if (received !== expected + HEADER_BYTES) return refuse(GrpcCode.INVALID_ARGUMENT, 'the request ended inside a message (or carried none)');
      const frame = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      finish();
      onMessage(frame.subarray(HEADER_BYTES));
    });
  }

  private dispatch(handler: UnaryHandler, message: Buffer, call: UnaryCall): void {
    let result: Uint8Array | Promise<Uint8Array>;
    try {
      result = handler(message, call);
    } catch (error) {
      this.failWith(call, error);
      return;
    }
    if (isPromise(result))
      result.then(
        (bytes) => reply(call.stream, bytes),
        (error: unknown) => this.failWith(call, error),
      );
    else reply(call.stream, result);
  }

  private failWith(call: UnaryCall, error: unknown): void {
    if (error instanceof GrpcError) {
      fail(call.stream, error.code, error.message);
      return;
    }
    this.options.logger.error({ err: error, method: call.path }, 'gRPC handler failed');
    fail(call.stream, GrpcCode.INTERNAL, 'internal error');
  }
}

function respondOnce(stream: ServerHttp2Stream, headers: http2.OutgoingHttpHeaders, options: http2.ServerStreamResponseOptions): boolean {
  if (stream.destroyed || stream.headersSent) return false;
  stream.respond(headers, options);
  return true;
}

function reply(stream: ServerHttp2Stream, message: Uint8Array): void {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + message.length);
  frame[0] = 0;
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, HEADER_BYTES);
  if (!respondOnce(stream, RESPONSE_HEADERS, { waitForTrailers: true })) return;
  stream.once('wantTrailers', () => stream.sendTrailers(OK_TRAILERS));
  stream.end(frame);
}

/** A trailers-only response carrying the status. */
function fail(stream: ServerHttp2Stream, code: number, message: string): void {
  respondOnce(stream, { ...RESPONSE_HEADERS, 'grpc-status': String(code), 'grpc-message': grpcMessage(message) }, { endStream: true });
}

/** gRPC's percent-encoding: only `%` and bytes outside printable ASCII (clients decode nothing else). */
function grpcMessage(message: string): string {
  return message.replace(/[^ -$&-~]+/g, (run) => encodeURIComponent(run));
}
