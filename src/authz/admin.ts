// The admin port: liveness, readiness and Prometheus metrics.
import http from 'node:http';
import { listen, type ListenAddress } from '../runtime/address.js';

export interface AdminOptions {
  /** Ready: the initial policy load is done and no drain has started. */
  readonly ready: () => boolean;
  readonly metrics: () => string;
}

export class AdminServer {
  private readonly server: http.Server;

  constructor(options: AdminOptions) {
    this.server = http.createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', undefined, { allow: 'GET, HEAD' });
      if (path === '/healthz') return send(res, 200, 'ok\n');
      if (path === '/readyz') return options.ready() ? send(res, 200, 'ready\n') : send(res, 503, 'not ready\n');
      if (path === '/metrics') return send(res, 200, options.metrics(), 'text/plain; version=0.0.4; charset=utf-8');
      send(res, 404, 'not found: /healthz, /readyz, /metrics\n');
    });
  }

  listen(address: ListenAddress): Promise<string> {
    return listen(this.server, address);
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}
