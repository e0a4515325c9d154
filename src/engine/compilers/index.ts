// The compilers a policy can name (jsonata, jp, cel), with kgate's functions in jsonata and jp
// and the Kyverno Authz CEL libraries in cel.
import { kgateFunctions, kyvernoJsonataFunctions } from '../functions/index.js';
import { createCelEnvironment } from '../cel/environment.js';
import type { Compilers, FunctionEnv } from '../types.js';
import { createCelCompiler } from './cel/compiler.js';
import { createJpCompiler } from './jp/compiler.js';
import { createJsonataCompiler } from './jsonata/compiler.js';

/** JSONata also gets Kyverno's functions that jp has built in ($wildcard, time functions). */
export function createCompilers(env: FunctionEnv): Compilers {
  return {
    jp: createJpCompiler(env, kgateFunctions),
    jsonata: createJsonataCompiler(env, [...kgateFunctions, ...kyvernoJsonataFunctions]),
    cel: createCelCompiler(env),
    celEnvironment: createCelEnvironment(env),
  };
}
