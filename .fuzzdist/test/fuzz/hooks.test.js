// Fuzzed Envoy Gateway hook payloads: mutated listeners and extension
// resources through PostHTTPListenerModify on a real gRPC server. Each call
// answers, or refuses with a clear status, within the time box.
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { hookResources, mutatedBytes, SLICE_SIZES } from './support/arbitraries.js';
import { PLAIN_LISTENER, startHookTarget } from './support/targets.js';
let target;
before(async () => {
    target = await startHookTarget(5000);
});
after(() => target.close());
describe('fuzzed hook payloads', () => {
    it('PostHTTPListenerModify answers or refuses clearly, within the time box', async () => {
        await fc.assert(fc.asyncProperty(mutatedBytes(PLAIN_LISTENER), hookResources(SLICE_SIZES), (listener, resources) => target.listenerModify(listener, resources)), { numRuns: 300 });
    });
});
//# sourceMappingURL=hooks.test.js.map