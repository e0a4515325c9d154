// Fuzzed policy documents through the policy loader: mutated examples, deep
// and wide YAML/JSON, long literals, alias bombs. Each compiles or fails with
// an error naming the file, within the time box. The full run is `npm run fuzz`.
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { policyText, SLICE_SIZES } from './support/arbitraries.js';
import { loadPolicy } from './support/targets.js';
describe('fuzzed policy documents', () => {
    it('load, or fail naming the file, within the time box', () => {
        fc.assert(fc.property(policyText(SLICE_SIZES), (text) => loadPolicy(text, 2000)), { numRuns: 400 });
    });
});
//# sourceMappingURL=policy.test.js.map