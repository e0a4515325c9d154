// HMAC keys for jose. Handing jose raw bytes makes it import a WebCrypto key
// on every verification; an imported CryptoKey per (secret, algorithm) is
// reused instead.
import { webcrypto } from 'node:crypto';
import { EvaluationError } from '../types.js';
import { HMAC_ALGORITHMS } from './jwt-algorithms.js';
import { Lru } from '../cache/lru.js';
export class HmacKeys {
    keys = new Lru(256);
    /** The verification key for `secret` under `alg` (HS256, HS384 or HS512). */
    key(secret, alg) {
        if (alg === undefined || !HMAC_ALGORITHMS.includes(alg)) {
            return Promise.reject(new EvaluationError(`a secret verifies only ${HMAC_ALGORITHMS.join(', ')}, not ${alg}`));
        }
        if (secret.length === 0)
            return Promise.reject(new EvaluationError('the secret is empty'));
        const id = `${alg}:${Buffer.from(secret).toString('base64')}`;
        let key = this.keys.get(id);
        if (!key) {
            key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: `SHA-${alg.slice(2)}` }, false, ['verify']);
            key.catch(() => this.keys.delete(id));
            this.keys.set(id, key);
        }
        return key;
    }
}
//# sourceMappingURL=jwt-hmac.js.map