// `npm start`: kgate serve on the bundled books example, the sample requests
// sent to it over Envoy's plain-HTTP ext_authz protocol (what Envoy would
// send), each decision printed, then kgate keeps serving for your own tries.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const books = join(root, 'examples', 'books');
const host = '127.0.0.1';
const [grpcPort, httpPort, adminPort] = [9000, 9001, 9002];

const server = spawn(
  process.execPath,
  [
    join(root, 'bin', 'kgate'),
    'serve',
    '--policy',
    join(books, 'kgate'),
    '--grpc-address',
    `${host}:${grpcPort}`,
    '--http-address',
    `${host}:${httpPort}`,
    '--admin-address',
    `${host}:${adminPort}`,
    '--log-level',
    'warn',
    '--decision-log',
    'off',
  ],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
server.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill('SIGTERM'));

function send(options, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host, ...options }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function ready() {
  for (let i = 0; i < 100; i++) {
    const reply = await send({ port: adminPort, path: '/readyz' }).catch(() => undefined);
    if (reply?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('kgate did not become ready');
}

/** A CheckRequest sample as the HTTP request Envoy's HTTP ext_authz protocol sends. */
function asHttp(file) {
  const { http } = JSON.parse(readFileSync(file, 'utf8')).attributes.request;
  // Pseudo-headers are HTTP/2's; the samples carry no body, so no content-length either.
  const headers = Object.fromEntries(Object.entries(http.headers).filter(([name]) => !name.startsWith(':') && name !== 'content-length'));
  return { method: http.method, path: http.path, headers: { ...headers, host: http.host } };
}

const role = (headers) => {
  const token = (headers.authorization ?? '').split(' ')[1];
  try {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).role;
  } catch {
    return 'nobody';
  }
};

await ready();
console.log(`kgate is serving examples/books/kgate (gRPC ${host}:${grpcPort}, HTTP ${host}:${httpPort}, admin ${host}:${adminPort})\n`);
for (const name of readdirSync(join(books, 'requests')).sort()) {
  const sample = asHttp(join(books, 'requests', name));
  const reply = await send({ port: httpPort, method: sample.method, path: sample.path, headers: sample.headers });
  const upstream = reply.status === 200 ? ` upstream x-books-role: ${reply.headers['x-books-role']}` : ` ${JSON.stringify(reply.body)}`;
  console.log(`${name.padEnd(22)} ${sample.method.padEnd(5)}${sample.path} as ${String(role(sample.headers)).padEnd(7)} -> ${reply.status}${upstream}`);
}
const guest = asHttp(join(books, 'requests', 'guest-post.json')).headers.authorization;
console.log(`
Try it yourself (Envoy's HTTP ext_authz protocol; 200 means allowed):
  curl -i -X POST -H '${'authorization'}: ${guest}' http://${host}:${httpPort}/book
  bin/kgate check --policy examples/books/kgate --request examples/books/requests/guest-post.json
Metrics: http://${host}:${adminPort}/metrics   Stop: Ctrl-C`);
