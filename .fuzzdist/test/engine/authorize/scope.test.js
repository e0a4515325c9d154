// Every documented binding is visible from every place an expression can
// stand: policy context, rule context, match, assert, allow shaping and deny
// shaping. One expression reads them all; each place reports what it saw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkInput } from '../../../src/authz/input.js';
import { authorize } from '../../../src/engine/authorize.js';
import { policies } from './helpers.js';
/** Reads each binding; `?` marks one that was null or missing. */
const SEEN = `$join([
  $payload.request.http.method, $policy.metadata.name, $path, $query.q[0], $segments[1], $body.item,
  $gateway.name, $listener.sections[0].listener, $ctx
].($exists($) ? $string($) : '?'), '|')`.replace(/\s*\n\s*/g, ' ');
const EXPECTED = 'POST|scoped|/shop/cart|x|cart|book|eg|http|ctx';
/** The policy as JSON (valid YAML): the expressions hold `:` and quotes. */
function policy(verdict) {
    const seen = `(${SEEN})`;
    return JSON.stringify({
        apiVersion: 'kgate.dev/v1alpha1',
        kind: 'AuthorizationPolicy',
        metadata: { name: 'scoped' },
        spec: {
            context: [
                { name: 'ctx', variable: 'ctx' },
                { name: 'fromPolicyContext', variable: seen },
            ],
            rules: [
                {
                    name: 'everything-visible',
                    context: [{ name: 'fromRuleContext', variable: seen }],
                    match: { all: [{ [seen]: EXPECTED }] },
                    assert: {
                        all: [
                            {
                                check: {
                                    '($fromPolicyContext)': EXPECTED,
                                    '($fromRuleContext)': EXPECTED,
                                    [`(${SEEN} = '${EXPECTED}' and '${verdict}' = 'allow')`]: true,
                                },
                            },
                        ],
                    },
                    deny: { headers: { 'x-seen': seen }, body: seen },
                },
            ],
            allow: {
                request: { headers: { set: { 'x-seen': seen, 'x-policy-context': '($fromPolicyContext)' } } },
                metadata: { seen },
            },
        },
    });
}
const attributes = {
    request: {
        http: {
            method: 'POST',
            path: '/shop/cart?q=x',
            headers: { ':method': 'POST', 'content-type': 'application/json' },
            body: '{"item":"book"}',
        },
    },
};
const input = checkInput(attributes, { listener: 'default/eg/http', sections: ['default/eg/http'] });
describe('the evaluation scope', () => {
    it('shows every binding to the policy context, the rules and allow shaping', async () => {
        const decision = await authorize(policies(policy('allow')), input);
        assert.equal(decision.allowed, true, JSON.stringify(decision.reasons));
        assert.deepEqual(decision.upstream.set, [
            { name: 'x-seen', value: EXPECTED },
            { name: 'x-policy-context', value: EXPECTED },
        ]);
        assert.deepEqual(decision.metadata, { seen: EXPECTED });
    });
    it('shows every binding to deny shaping', async () => {
        const decision = await authorize(policies(policy('deny')), input);
        assert.equal(decision.allowed, false);
        assert.equal(decision.denial?.body, EXPECTED);
        assert.deepEqual(decision.denial?.headers.filter((h) => h.name === 'x-seen'), [{ name: 'x-seen', value: EXPECTED }]);
    });
});
//# sourceMappingURL=scope.test.js.map