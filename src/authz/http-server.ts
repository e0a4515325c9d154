// Envoy's plain-HTTP ext_authz protocol: Envoy forwards the client request's
// method, path, headers and (with `with_request_body`) body; 200 allows, any
// other status is the denial the client gets.
import http, { type IncomingMessage, type ServerResponse, validateHeaderName, validateHeaderValue } from 'node:http';
import type { Duplex } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import type { Logger } from '../runtime/logger.js';
import { listen, type ListenAddress } from '../runtime/address.js';
import type { Decider } from './decide.js';
import type { Metrics } from './metrics.js';
import type { Json } from './attributes.js';
import { httpAnswer, type HttpAnswer } from './response.js';
import { LISTENER_KEY, SECTIONS_KEY, scopeFrom, type CheckScope } from '../policies/scope.js';

export interface HttpAuthzOptions {
  readonly decider: Decider;
  readonly metrics: Metrics;
  /** False until the initial policy load: Checks then get 503 (an error to Envoy, never an allow). */
  readonly logger: Logger;
  /** Largest request body read; a larger one is answered 413 without being buffered. */
  readonly maxBodyBytes: number;
}

/** Scope headers are configuration, not part of the client's request. */
const SCOPE_HEADERS = new Set([LISTENER_KEY, SECTIONS_KEY]);

const TEXT: readonly [string, string] = ['content-type', 'text/plain; charset=utf-8'];
const TOO_LARGE: HttpAnswer = { status: 413, headers: [TEXT], body: 'request body too large\n' };

export class HttpAuthzServer {
  private readonly server: http.Server;
  private draining = false;

  constructor(private readonly options: HttpAuthzOptions) {
    this.server = http.createServer(
      {
        // Envoy allows 60 KiB of request headers by default; node's own default is 16 KiB.
        maxHeaderSize: 64 * 1024,
        // Envoy pools connections to the authorization service: closing idle
        // ones before Envoy does would race with its reuse of them.
        keepAliveTimeout: 75_000,
        headersTimeout: 80_000,
      },
      (req, res) => this.onRequest(req, res),
    );
    // Malformed requests and oversized headers get node's own 400/431 and a closed connection.
    // node hands CONNECT to a 'connect' listener, and without one drops the connection unanswered.
    this.server.on('connect', (req: IncomingMessage, socket: Duplex) => void this.onConnect(req, socket));
  }

  listen(address: ListenAddress): Promise<string> {
    return listen(this.server, address);
  }

  /** Stops accepting; requests in flight complete (their connections then close); the rest are cut after `timeoutMs`. */
  async close(timeoutMs: number): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const timer = setTimeout(() => this.server.closeAllConnections(), timeoutMs);
    await closed;
    clearTimeout(timer);
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const { maxBodyBytes } = this.options;
    const unavailable = this.options.decider.unavailable(scopeOf(req));
    if (unavailable !== undefined) {
      this.options.metrics.failed('http');
      this.send(res, { status: 503, headers: [TEXT], body: `${unavailable}\n` }, true);
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      this.send(res, TOO_LARGE, true);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        // Stop here: answer and close the connection instead of buffering the rest.
        req.removeAllListeners('data');
        req.removeAllListeners('end');
        this.send(res, TOO_LARGE, true);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      void this.decide(req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    req.on('error', (error) => this.options.logger.debug({ err: error }, 'http request error'));
  }

  /**
   * A CONNECT is decided like any other method (its path is the
   * authority-form target, `host:port`); the answer is written on the socket,
   * which then closes: kgate never opens a tunnel.
   */
  private async onConnect(req: IncomingMessage, socket: Duplex): Promise<void> {
    socket.on('error', (error) => this.options.logger.debug({ err: error }, 'http CONNECT socket error'));
    const unavailable = this.options.decider.unavailable(scopeOf(req));
    let answer: HttpAnswer;
    if (unavailable !== undefined) {
      this.options.metrics.failed('http');
      answer = { status: 503, headers: [TEXT], body: `${unavailable}\n` };
    } else {
      answer = httpAnswer(await this.options.decider.decide(httpAttributes(req, Buffer.alloc(0)), scopeOf(req), 'http'));
    }
    if (!socket.destroyed) socket.end(rawResponse(answer, this.options.logger));
  }

  private async decide(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const decision = await this.options.decider.decide(httpAttributes(req, body), scopeOf(req), 'http');
    this.send(res, httpAnswer(decision), false);
  }

  private send(res: ServerResponse, answer: HttpAnswer, close: boolean): void {
    if (res.headersSent || res.destroyed) return;
    try {
      res.statusCode = answer.status;
      for (const [name, value] of answer.headers) res.appendHeader(name, value);
      if (close || this.draining) res.setHeader('connection', 'close');
      res.end(answer.body);
    } catch (error) {
      // A header value a policy computed that HTTP cannot carry (a line break, ...).
      this.options.logger.error({ err: error }, 'cannot send the decision over HTTP; denying');
      res.removeHeader('connection');
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.statusCode = 403;
      res.end('access denied\n');
    }
  }
}

/**
 * The AttributeContext JSON of an HTTP authorization request, shaped as Envoy's
 * gRPC CheckRequest would have it: lower-case headers, repeated ones joined by
 * commas, `host` as the pseudo-header `:authority`, plus `:method`, `:path`
 * (and `:scheme` from x-forwarded-proto). Over HTTP Envoy sends no peer
 * addresses, stream id, protocol, size or metadata: those fields are absent.
 */
export function httpAttributes(req: IncomingMessage, body: Buffer): Json {
  const headers: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (SCOPE_HEADERS.has(name) || name === 'host') continue;
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]},${raw[i + 1]}` : raw[i + 1]!;
  }
  const method = req.method ?? 'GET';
  const path = req.url ?? '/';
  const host = req.headers.host ?? '';
  const scheme = headers['x-forwarded-proto'];
  const pseudo: Record<string, string> = { ':authority': host, ':method': method, ':path': path, ...(scheme ? { ':scheme': scheme } : {}) };
  const http: Json = { method, headers: { ...pseudo, ...headers }, path };
  if (host) http.host = host;
  if (scheme) http.scheme = scheme;
  if (body.length > 0) {
    if (isUtf8(body)) http.body = body.toString('utf8');
    else http.rawBody = body.toString('base64');
  }
  return { request: { http } };
}

/** An HTTP/1.1 response written by hand (CONNECT has no ServerResponse), header values checked as node checks them. */
function rawResponse(answer: HttpAnswer, logger: Logger): string {
  let { status, headers, body } = answer;
  try {
    for (const [name, value] of headers) {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    }
  } catch (error) {
    logger.error({ err: error }, 'cannot send the decision over HTTP; denying');
    status = 403;
    headers = [TEXT];
    body = 'access denied\n';
  }
  const lines = [`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}`];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${Buffer.byteLength(body)}`, 'connection: close', '', body);
  return lines.join('\r\n');
}

function scopeOf(req: IncomingMessage): CheckScope | undefined {
  return scopeFrom((key) => {
    const value = req.headers[key];
    return Array.isArray(value) ? value.join(',') : value;
  });
}
