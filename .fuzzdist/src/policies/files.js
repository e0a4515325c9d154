import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
const POLICY_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/**
 * The policy files a `--policy` argument names: the file itself, or every
 * .yaml/.yml/.json file under a folder (recursively, sorted, so load order
 * and error order are stable). Hidden entries are skipped: a Kubernetes
 * ConfigMap mount holds each file three times (`name`, `..data/name`,
 * `..<timestamp>/name`), and the visible one is the one that stays current.
 * Throws when the path does not exist.
 */
export function listPolicyFiles(path) {
    const stat = statSync(path);
    if (!stat.isDirectory())
        return [path];
    const files = [];
    for (const name of readdirSync(path).sort()) {
        if (name.startsWith('.'))
            continue;
        const child = join(path, name);
        if (statSync(child).isDirectory())
            files.push(...listPolicyFiles(child));
        else if (POLICY_EXTENSIONS.has(extname(name).toLowerCase()))
            files.push(child);
    }
    return files;
}
//# sourceMappingURL=files.js.map