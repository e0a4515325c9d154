// The admin port: liveness, readiness and Prometheus metrics.
import http from 'node:http';
import { listen } from '../runtime/address.js';
export class AdminServer {
    server;
    constructor(options) {
        this.server = http.createServer((req, res) => {
            const path = (req.url ?? '/').split('?')[0];
            if (req.method !== 'GET' && req.method !== 'HEAD')
                return send(res, 405, 'method not allowed\n', undefined, { allow: 'GET, HEAD' });
            if (path === '/healthz')
                return send(res, 200, 'ok\n');
            if (path === '/readyz')
                return options.ready() ? send(res, 200, 'ready\n') : send(res, 503, 'not ready\n');
            if (path === '/metrics')
                return send(res, 200, options.metrics(), 'text/plain; version=0.0.4; charset=utf-8');
            send(res, 404, 'not found: /healthz, /readyz, /metrics\n');
        });
    }
    listen(address) {
        return listen(this.server, address);
    }
    async close() {
        const closed = new Promise((resolve) => this.server.close(() => resolve()));
        this.server.closeAllConnections();
        await closed;
    }
}
function send(res, status, body, type = 'text/plain; charset=utf-8', extra = {}) {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
    res.end(body);
}
//# sourceMappingURL=admin.js.map