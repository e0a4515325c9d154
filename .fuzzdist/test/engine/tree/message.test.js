import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bindings } from '../../../src/engine/bindings.js';
import { compileMessage } from '../../../src/engine/tree/message.js';
import { asyncCompiler, jp, scope } from './helpers.js';
const payload = { name: 'example', address: 'aws_s3_bucket.example', count: 3, price: '$5' };
test('templates are JMESPath on the whole payload, each occurrence replaced', async () => {
    const message = compileMessage('Bucket `{{ name }}` ({{address}}) {{ name }} needs {{ to_string($tags) }}', jp);
    const bindings = Bindings.empty.with('tags', { Team: 'Kyverno' });
    assert.equal(await message(payload, scope(bindings)), 'Bucket `example` (aws_s3_bucket.example) example needs {"Team":"Kyverno"}');
});
test('a template that fails renders as ERR in place', async () => {
    const message = compileMessage('[{{ missing }}] [{{ count }}] [{{ foo( }}] [{{ $nope }}]', jp);
    assert.equal(await message(payload, scope()), '[ERR (missing not found)] [ERR (count not a string)] [ERR (foo( - jp expression "foo(" does not compile: Syntax error: invalid token (EOF): "")] [ERR ($nope - variable not defined: $nope)]');
});
test('a `$` in a substituted value stays literal', async () => {
    assert.equal(await compileMessage('costs {{ price }}', jp)(payload, scope()), 'costs $5');
});
test('a message without templates is returned as is, synchronously; async templates resolve', async () => {
    const plain = compileMessage('no templates here', jp)(payload, scope());
    assert.equal(plain, 'no templates here');
    const pending = compileMessage('{{ name }}!', asyncCompiler('jp'))(payload, scope());
    assert.ok(pending instanceof Promise);
    assert.equal(await pending, 'example!');
});
//# sourceMappingURL=message.test.js.map