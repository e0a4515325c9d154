// The e2e backend: answers every request with the request it received, as JSON.
import { createServer } from 'node:http';

export interface Echoed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
export interface Echo {
  port: number;
  close(): Promise<void> /** Requests answered so far. */;
  requests(): number;
}

export function startEcho(): Promise<Echo> {
  let answered = 0;
  const server = createServer((req, res) => {
    answered++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const echoed: Echoed = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-echo', 'kgate-e2e');
      res.end(JSON.stringify(echoed));
    });
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({
        port: (server.address() as { port: number }).port,
        requests: () => answered,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      }),
    ),
  );
}
