// The entry point: `kgate --version` prints package.json's version; a port
// that cannot be bound is a runtime failure (1), not a usage error (2).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
const root = join(import.meta.dirname, '..', '..', '..');
describe('kgate', () => {
    it('--version prints the version in package.json', () => {
        const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
        const run = spawnSync(process.execPath, [join(root, 'bin', 'kgate'), '--version'], { encoding: 'utf8' });
        assert.deepEqual([run.status, run.stdout], [0, `kgate ${version}\n`]);
    });
    it('serve exits 1 when its port is in use', async () => {
        const holder = createServer().listen(0, '127.0.0.1');
        await once(holder, 'listening');
        const port = holder.address().port;
        try {
            const args = ['serve', '--grpc-address', `127.0.0.1:${port}`, '--http-address', '127.0.0.1:0', '--admin-address', '127.0.0.1:0'];
            const child = spawn(process.execPath, [join(root, 'bin', 'kgate'), ...args, '--policy', join(root, 'examples', 'books', 'kgate')], {
                stdio: ['ignore', 'pipe', 'pipe'],
            });
            let output = '';
            child.stdout.on('data', (chunk) => {
                output += chunk.toString();
            });
            const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
            const [code] = (await once(child, 'exit'));
            clearTimeout(guard);
            assert.equal(code, 1, output);
            assert.match(output, /EADDRINUSE/);
        }
        finally {
            holder.close();
        }
    });
});
//# sourceMappingURL=main.test.js.map