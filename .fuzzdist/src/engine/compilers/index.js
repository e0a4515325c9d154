// The compilers a policy can name, with kgate's functions registered in both.
import { kgateFunctions, kyvernoJsonataFunctions } from '../functions/index.js';
import { createCelEnvironment } from '../cel/environment.js';
import { createJpCompiler } from './jp/compiler.js';
import { createJsonataCompiler } from './jsonata/compiler.js';
/** JSONata also gets Kyverno's functions that jp has built in ($wildcard, time functions). */
export function createCompilers(env) {
    return {
        jp: createJpCompiler(env, kgateFunctions),
        jsonata: createJsonataCompiler(env, [...kgateFunctions, ...kyvernoJsonataFunctions]),
        celEnvironment: createCelEnvironment(env),
    };
}
//# sourceMappingURL=index.js.map