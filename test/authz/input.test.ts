import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkInput } from '../../src/authz/input.js';

const request = (http: Record<string, unknown>) => ({ request: { http } });
const get = (attributes: unknown, name: string, scope?: { listener: string; sections: string[] }) => checkInput(attributes, scope).bindings.get(name);

describe('checkInput', () => {
  it('keeps the AttributeContext JSON as the payload, untouched', () => {
    const attributes = request({ method: 'GET', path: '/a?b=c' });
    assert.equal(checkInput(attributes, undefined).attributes, attributes);
  });

  it('derives $path, $query and $segments from the path (Envoy sends query empty)', () => {
    const attributes = request({ path: '/books/sci%20fi//42/?author=Le+Guin&tag=a&tag=b%26c#frag' });
    assert.equal(get(attributes, 'path'), '/books/sci%20fi//42/');
    assert.deepEqual(get(attributes, 'query'), { author: ['Le Guin'], tag: ['a', 'b&c'] });
    assert.deepEqual(get(attributes, 'segments'), ['books', 'sci fi', '42']);
  });

  it('handles a missing path, no query, and malformed percent-encoding', () => {
    assert.equal(get({}, 'path'), '');
    assert.deepEqual(get({}, 'query'), {});
    assert.deepEqual(get({}, 'segments'), []);
    assert.deepEqual(get(request({ path: '/a/%E0%A4%A/b' }), 'segments'), ['a', '%E0%A4%A', 'b']);
    assert.deepEqual(get(request({ path: '/x?__proto__=1' }), 'query'), JSON.parse('{"__proto__":["1"]}'));
  });

  it('parses a JSON or form body by content type, from body or rawBody', () => {
    const json = request({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"title":"Dune","n":[1,2]}' });
    assert.deepEqual(get(json, 'body'), { title: 'Dune', n: [1, 2] });
    const problem = request({ headers: { 'content-type': 'application/problem+json' }, rawBody: Buffer.from('{"a":1}').toString('base64') });
    assert.deepEqual(get(problem, 'body'), { a: 1 });
    const form = request({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=x+y&a=2' });
    assert.deepEqual(get(form, 'body'), { a: ['1', '2'], b: ['x y'] });
  });

  it('gives null for no body, an unknown content type, or JSON that does not parse', () => {
    assert.equal(get(request({}), 'body'), null);
    assert.equal(get(request({ headers: { 'content-type': 'text/plain' }, body: 'hi' }), 'body'), null);
    assert.equal(get(request({ headers: { 'content-type': 'application/json' }, body: '{oops' }), 'body'), null);
  });

  it('computes a binding only when read, and once', () => {
    let reads = 0;
    const http = {
      headers: { 'content-type': 'application/json' },
      get body() {
        reads++;
        return '{"a":1}';
      },
    };
    const { bindings } = checkInput(request(http), undefined);
    assert.equal(reads, 0);
    assert.deepEqual(bindings.get('body'), { a: 1 });
    assert.deepEqual(bindings.get('body'), { a: 1 });
    assert.equal(reads, 1);
  });

  it('describes the Gateway and listener of a tagged Check, null when untagged', () => {
    const scope = { listener: 'default/eg/http', sections: ['default/eg/http', 'default/eg/api'] };
    assert.deepEqual(get({}, 'gateway', scope), { namespace: 'default', name: 'eg' });
    assert.deepEqual(get({}, 'listener', scope), {
      name: 'default/eg/http',
      sections: [
        { namespace: 'default', gateway: 'eg', listener: 'http' },
        { namespace: 'default', gateway: 'eg', listener: 'api' },
      ],
    });
    assert.equal(get({}, 'gateway', { listener: 'l', sections: ['a/one/x', 'a/two/y'] }), null, 'merged Gateways: no single Gateway');
    assert.equal(get({}, 'gateway'), null);
    assert.equal(get({}, 'listener'), null);
  });

  it('$rawBody is the body text; $truncated says when Envoy cut it (its partial-body header, or content-length above what came)', () => {
    const whole = request({ headers: { 'content-length': '4' }, body: 'abcd' });
    assert.equal(get(whole, 'rawBody'), 'abcd');
    assert.equal(get(whole, 'truncated'), false);
    assert.equal(get(request({ headers: { 'x-envoy-auth-partial-body': 'true' }, body: 'ab' }), 'truncated'), true);
    assert.equal(get(request({ headers: { 'x-envoy-auth-partial-body': 'false', 'content-length': '2' }, body: 'ab' }), 'truncated'), false);
    assert.equal(get(request({ headers: { 'content-length': '5242880' }, body: 'x'.repeat(8192) }), 'truncated'), true);
    const raw = request({ headers: { 'content-length': '3' }, rawBody: Buffer.from([0xff, 0x00, 0x41]).toString('base64') });
    assert.equal(get(raw, 'truncated'), false, 'rawBody counts its bytes');
    assert.equal(get(request({ headers: { 'content-length': '7' } }), 'truncated'), true, 'a body not buffered at all');
    assert.equal(get(request({}), 'rawBody'), null);
    assert.equal(get(request({}), 'truncated'), false);
  });

  it('$route: EG route metadata, else the route the scope names, else null', () => {
    const resources = [{ kind: 'HTTPRoute', namespace: 'ns', name: 'books', sectionName: 'admin', annotations: { tier: 'gold' } }];
    const attributes = { routeMetadataContext: { filterMetadata: { 'envoy-gateway': { resources } } } };
    assert.deepEqual(get(attributes, 'route'), { kind: 'HTTPRoute', namespace: 'ns', name: 'books', sectionName: 'admin', annotations: { tier: 'gold' } });
    const unnamed = { routeMetadataContext: { filterMetadata: { 'envoy-gateway': { resources: [{ kind: 'GRPCRoute', namespace: 'ns', name: 'g' }] } } } };
    assert.deepEqual(get(unnamed, 'route'), { kind: 'GRPCRoute', namespace: 'ns', name: 'g', sectionName: null, annotations: {} });
    const scope = { sections: [], route: { identity: { kind: 'HTTPRoute', namespace: 'ns', name: 'r', rule: 'x' } } };
    assert.deepEqual(checkInput({}, scope).bindings.get('route'), { kind: 'HTTPRoute', namespace: 'ns', name: 'r', sectionName: 'x', annotations: {} });
    assert.equal(get({}, 'route'), null);
  });
});
