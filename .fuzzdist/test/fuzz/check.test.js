// Fuzzed Checks against a real kgate server (books policy, decision logs on):
// valid, truncated, byte-mutated and random CheckRequests over gRPC, and
// random requests in Envoy's HTTP protocol. The full run is `npm run fuzz`.
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { checkBytes, httpCase, SLICE_SIZES } from './support/arbitraries.js';
import { startCheckTarget } from './support/targets.js';
let target;
before(async () => {
    target = await startCheckTarget(2000);
});
after(() => target.close());
describe('fuzzed Checks', () => {
    it('every gRPC CheckRequest gets a CheckResponse or a clear status, within the time box', async () => {
        await fc.assert(fc.asyncProperty(checkBytes, (bytes) => target.grpc(bytes)), { numRuns: 400 });
        target.forget();
    });
    it('every HTTP ext_authz request gets an allow/deny answer or 503, within the time box', async () => {
        await fc.assert(fc.asyncProperty(httpCase(SLICE_SIZES), (request) => target.http(request)), { numRuns: 300 });
        target.forget();
    });
});
//# sourceMappingURL=check.test.js.map