// The e2e backend: answers every request with the request it received, as JSON.
import { createServer } from 'node:http';
export function startEcho() {
    let answered = 0;
    const server = createServer((req, res) => {
        answered++;
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
            const echoed = {
                method: req.method ?? '',
                path: req.url ?? '',
                headers: req.headers,
                body: Buffer.concat(chunks).toString('utf8'),
            };
            res.setHeader('content-type', 'application/json');
            res.setHeader('x-echo', 'kgate-e2e');
            res.end(JSON.stringify(echoed));
        });
    });
    return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({
        port: server.address().port,
        requests: () => answered,
        close: () => new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
        }),
    })));
}
//# sourceMappingURL=echo.js.map