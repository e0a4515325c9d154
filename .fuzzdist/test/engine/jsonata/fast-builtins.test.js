// The built-in functions' fast programs answer exactly what JSONata answers,
// for arguments of every kind (errors included), and do answer synchronously
// on the arguments they take as they are.
import { test } from 'node:test';
import { ARGUMENTS, assertAllSame, assertFallsBack, assertFast, BINDINGS, DOC, OPERANDS, pairs } from './equivalence.js';
const ONE_ARGUMENT = ['exists', 'boolean', 'not', 'string', 'number', 'count', 'length', 'lowercase', 'uppercase', 'trim', 'join'];
const TWO_ARGUMENTS = ['substring', 'substringBefore', 'substringAfter', 'contains', 'split', 'join'];
const THREE_ARGUMENTS = ['substring', 'split'];
const FEW = ['s', 'uni', 'missing', 'nul', "' '", '2', '-2', '1.5', '$inf', '$nan'];
test('one-argument built-ins agree with JSONata on every operand', async () => {
    for (const name of ONE_ARGUMENT)
        await assertAllSame(OPERANDS.map((operand) => `$${name}(${operand})`));
});
test('two-argument built-ins agree with JSONata on every pair of arguments', async () => {
    for (const name of TWO_ARGUMENTS)
        await assertAllSame([...pairs(ARGUMENTS)].map(([a, b]) => `$${name}(${a}, ${b})`));
});
test('three-argument built-ins agree with JSONata on every triple of arguments', async () => {
    for (const name of THREE_ARGUMENTS) {
        const sources = [...pairs(FEW)].flatMap(([a, b]) => FEW.map((c) => `$${name}(${a}, ${b}, ${c})`));
        await assertAllSame(sources);
    }
});
test('numbers print as JSONata prints them, in $string and in &', async () => {
    const numbers = [
        '0.1 + 0.2',
        '1 / 3',
        'big',
        '-big',
        'tiny',
        'negz',
        '-0',
        '100',
        '123456789.123456789',
        '1e300 * 1e-10',
        '2 / 3 * 3',
        '0.000001',
        '1e-7 * 10',
    ];
    await assertFast(numbers.flatMap((number) => [`$string(${number})`, `(${number}) & ''`]));
});
test('$number reads the numbers JSONata reads, and leaves the rest to it', async () => {
    const texts = ['12.5', '-3', '1e5', '1E-2', '-0', '007', '0x1F', '0X1f', '0o17', '0b101', '0x1G', 'x0b1'];
    await assertFast(texts.map((text) => `$number('${text}')`).concat('$number(t)', '$number(f)', '$number(num)', '$number(missing)'));
    await assertFallsBack(['', ' 1', '1e999', '12abc', '1.', '.5', '+1', 'Infinity', '0b102', '0o8'].map((text) => `$number('${text}')`).concat('$number(nul)', '$number(arr)'));
});
test('text functions count and cut code points, not UTF-16 units', async () => {
    await assertFast([
        '$length(uni)',
        '$substring(uni, 6, 1)',
        '$substring(uni, -5)',
        '$substring(uni, -50, 3)',
        '$substring(uni, 2, -1)',
        '$substring(uni, 1.5, 2.5)',
        '$uppercase(uni)',
        "$substringBefore(uni, '😀')",
        "$substringAfter(uni, '😀')",
        "$contains(uni, '😀')",
        "$split(uni, '😀')",
        "$split(uni, '')",
        "$join(['é', '😀'], '/')",
        "$trim('  a \t\n b  ')",
        "$trim(' ')",
    ]);
});
test('built-ins answer synchronously on the arguments they take', async () => {
    await assertFast([
        '$exists(s)',
        '$exists(missing)',
        '$exists(nul)',
        '$boolean(arr)',
        '$boolean(none)',
        '$boolean(emptyObj)',
        '$not(empty)',
        '$not(missing)',
        '$string(s)',
        '$string(t)',
        '$string(nul)',
        '$string(missing)',
        '$count(strs)',
        '$count(s)',
        '$count(missing)',
        '$count(obj)',
        "$join(strs, ', ')",
        '$join(strs)',
        '$join(s)',
        '$join(none)',
        '$join(missing)',
        "$split(s, ' ', 1)",
        "$split(s, 'o', 0)",
        "$substringBefore(s, ' ')",
        "$substringAfter(s, 'zz')",
        "$contains(s, 'wor')",
        '$contains(s, missing)',
        '$lowercase(missing)',
    ]);
});
test('arguments of a type a built-in does not take are left to JSONata (its coercions and errors)', async () => {
    await assertFallsBack([
        '$string(arr)',
        '$string(obj)',
        '$string($inf)',
        '$string($nan)',
        '$boolean($inf)',
        '$not([1, $inf])',
        '$length(num)',
        '$lowercase(nul)',
        '$join(arr)',
        '$join(nums)',
        '$join(strs, 1)',
        '$count(objs.a)',
        "$split(s, ' ', -1)",
        '$split(s, /o/)',
        '$contains(s, /o+/)',
        "$substring(s, '1')",
        '$substringBefore(s, missing)',
        '$exists(objs.a)',
        // Data bearing JSONata's function marker is a function to it, even as an argument.
        '$boolean(marked)',
        '$exists(marked)',
        "$cidrContains(marked, '10.0.0.1')",
    ]);
});
test("a call with another number of arguments is JSONata's: the context may stand for the first one", async () => {
    const context = 'Context Text';
    await assertFallsBack([
        '$lowercase()',
        '$length()',
        '$string()',
        '$boolean()',
        '$substring(2, 3)',
        "$substringBefore(' ')",
        "$split(' ')",
        '$exists()',
        '$count()',
        '$trim(s, s)',
    ], context);
});
test("a binding of a built-in's name shadows it, as JSONata variables do", async () => {
    await assertFallsBack(['$string(1)', '$exists(s)', "$split(s, ' ')"], DOC, { ...BINDINGS, string: 'shadow', exists: null, split: undefined });
});
//# sourceMappingURL=fast-builtins.test.js.map