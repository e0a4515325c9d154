import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

const POLICY_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * The policy files a `--policy` argument names: the file itself, or every
 * .yaml/.yml/.json file under a folder (recursively, sorted, so load order
 * and error order are stable). Throws when the path does not exist.
 */
export function listPolicyFiles(path: string): string[] {
  const stat = statSync(path);
  if (!stat.isDirectory()) return [path];
  const files: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const child = join(path, name);
    if (statSync(child).isDirectory()) files.push(...listPolicyFiles(child));
    else if (POLICY_EXTENSIONS.has(extname(name).toLowerCase())) files.push(child);
  }
  return files;
}
