import { KeyFiles } from './files.js';
import { RemoteKeySets } from './jwks.js';
export function createKeyResolver(options = {}) {
    const files = new KeyFiles(options.files);
    const sets = new RemoteKeySets(options.jwks);
    return {
        file: (path) => files.read(path),
        jwks: (url) => sets.get(url),
    };
}
//# sourceMappingURL=index.js.map