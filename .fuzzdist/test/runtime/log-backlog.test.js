// The decision log's backlog is bounded: a log reader that stops reading
// costs decision lines (counted), never memory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Decider } from '../../src/authz/decide.js';
import { Metrics } from '../../src/authz/metrics.js';
import { PolicyStore } from '../../src/policies/store.js';
import { BoundedDestination, createLogger } from '../../src/runtime/logger.js';
import { tempDir } from '../authz/support/server.js';
/** A real pipe (a FIFO) whose reader never reads: the kernel buffer fills, then every write waits. */
function stalledPipe() {
    const path = join(tempDir('log-pipe'), 'fifo');
    execFileSync('mkfifo', [path]);
    const readFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeFd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    const buffer = Buffer.alloc(1 << 16);
    const drain = () => {
        try {
            while (readSync(readFd, buffer) > 0)
                ;
        }
        catch (error) {
            if (error.code !== 'EAGAIN')
                throw error;
        }
    };
    return { writeFd, drain, close: () => closeSync(readFd) };
}
describe('decision log backlog', () => {
    it('stays within its bound when the log reader stalls, and counts the dropped decision lines', async () => {
        const pipe = stalledPipe();
        const limit = 64 * 1024;
        const destination = new BoundedDestination(pipe.writeFd, limit);
        const logger = createLogger('info', destination);
        const store = new PolicyStore();
        store.markReady();
        const metrics = new Metrics(() => ({ policies: {}, ready: true }));
        const decider = new Decider({ store, metrics, logger, timeoutMs: 100, decisionLog: true });
        const attributes = { request: { http: { id: '1', headers: { 'x-request-id': 'x'.repeat(200) } } } };
        let peak = 0;
        const decisions = 20_000;
        try {
            for (let i = 0; i < decisions; i++) {
                await decider.decide(attributes, undefined, 'grpc');
                peak = Math.max(peak, destination.pendingBytes);
                if (i % 1000 === 0)
                    await sleep(1); // let sonic-boom's writes (and EAGAIN retries) run
            }
            const line = 600; // one decision line is well under this
            assert.ok(peak <= limit + line, `pending bytes peaked at ${peak}, bound ${limit}`);
            const dropped = Number(/^kgate_decision_log_dropped_total (\d+)$/m.exec(metrics.render())?.[1]);
            // 20,000 lines of ~400 bytes do not fit in a 64 KiB pipe plus a 64 KiB backlog.
            assert.ok(dropped > decisions / 2, `dropped ${dropped} of ${decisions}`);
            assert.equal(destination.droppedLines, 0, 'other lines are never dropped before decision lines');
            // Once the reader reads again the backlog empties and decision lines are written again.
            while (destination.pendingBytes > 0) {
                pipe.drain();
                await sleep(20);
            }
            assert.ok(destination.admits());
        }
        finally {
            destination.destroy();
            pipe.close();
        }
    });
});
//# sourceMappingURL=log-backlog.test.js.map