// jwt_verify(token, options): signature and claims verified by jose, with an
// allow-list of algorithms always in force and the clock from FunctionEnv.
import { jwtVerify } from 'jose';
import { EvaluationError } from '../types.js';
import { HmacKeys } from './jwt-hmac.js';
import { keyFileKey, keySet } from './jwt-keys.js';
import { parseVerifyOptions } from './jwt-options.js';
import { Lru } from '../cache/lru.js';
import { expectObject, expectString } from './values.js';
import { VerifiedCache } from './verified-cache.js';
import { recover, then } from '../async.js';
export function createJwtVerify(cacheOptions) {
    const verified = new VerifiedCache(cacheOptions);
    const plans = new Lru(256);
    const constants = new WeakMap();
    let serial = 0;
    const keyFiles = new Lru(64);
    const keySets = new WeakMap();
    const hmac = new HmacKeys();
    return {
        jp: 'jwt_verify',
        jsonata: 'jwtVerify',
        args: [
            { name: 'token', types: ['string'] },
            { name: 'options', types: ['object'] },
        ],
        impl: ([token, options], env) => verify(expectString(token, 'token'), expectObject(options, 'options'), env),
    };
    function verify(token, options, env) {
        const plan = planFor(options);
        return then(material(plan.key, env), (key) => {
            const now = env.now();
            const stillValid = (claims) => timesHold(claims, plan, Math.floor(now / 1000));
            return verified.get(`${plan.serial}:${token}`, key, now, stillValid, () => verifyWithJose(token, key, plan, now));
        });
    }
    // The options' JSON is their identity: stable for the options an
    // expression writes. A frozen options object (a constant the JSONata fast
    // path folded) is remembered as is, saving the JSON.
    function planFor(options) {
        const frozen = Object.isFrozen(options) ? constants.get(options) : undefined;
        if (frozen)
            return frozen;
        const id = JSON.stringify(options);
        let plan = plans.get(id);
        if (!plan) {
            plan = { ...parseVerifyOptions(options, hmac), serial: ++serial };
            plans.set(id, plan);
        }
        if (Object.isFrozen(options))
            constants.set(options, plan);
        return plan;
    }
    function material(spec, env) {
        switch (spec.kind) {
            case 'inline':
                return spec.material;
            case 'file':
                return then(fromResolver(() => env.keys.file(spec.path), `options.keyFile ${spec.path}`), (text) => {
                    let key = keyFiles.get(text);
                    if (!key) {
                        key = keyFileKey(text, hmac, `options.keyFile ${spec.path}`);
                        keyFiles.set(text, key);
                    }
                    return key;
                });
            case 'jwksUri':
                return then(fromResolver(() => env.keys.jwks(spec.url), `options.jwksUri ${spec.url}`), (getKey) => {
                    let key = keySets.get(getKey);
                    if (!key) {
                        key = keySet(getKey);
                        keySets.set(getKey, key);
                    }
                    return key;
                });
        }
    }
}
async function verifyWithJose(token, key, plan, now) {
    try {
        const { payload } = await jwtVerify(token, key.key, {
            ...plan.claims,
            algorithms: [...(plan.algorithms ?? key.algorithms)],
            currentDate: new Date(now),
        });
        return payload;
    }
    catch (error) {
        // jose's messages never hold the token or its claims; its errors do (`payload`), so they are not kept as cause.
        const { code, message } = error;
        throw new EvaluationError(`token rejected: ${message}${code ? ` (${code})` : ''}`);
    }
}
/** jose's time checks (nbf, exp, iat with maxTokenAge, all with clockTolerance), for a cached verification. */
function timesHold(claims, plan, now) {
    const { clockTolerance = 0, maxTokenAge } = plan.claims;
    const { nbf, exp, iat } = claims;
    if (typeof nbf === 'number' && nbf > now + clockTolerance)
        return false;
    if (typeof exp === 'number' && exp <= now - clockTolerance)
        return false;
    if (maxTokenAge === undefined)
        return true;
    const age = now - iat;
    return age - clockTolerance <= maxTokenAge && age >= -clockTolerance;
}
function fromResolver(resolve, what) {
    const fail = (error) => {
        throw new EvaluationError(`${what}: ${error.message}`, { cause: error });
    };
    try {
        const value = resolve();
        return recover(value, fail);
    }
    catch (error) {
        return fail(error);
    }
}
//# sourceMappingURL=jwt-verify.js.map