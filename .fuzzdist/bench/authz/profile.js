// The functions with the most self time in a V8 .cpuprofile (node --cpu-prof).
import { readFileSync } from 'node:fs';
export function topFunctions(file, count) {
    const profile = JSON.parse(readFileSync(file, 'utf8'));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    let total = 0;
    profile.samples.forEach((id, i) => {
        const frame = nodes.get(id).callFrame;
        const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}`;
        const dt = profile.timeDeltas[i] ?? 0;
        self.set(key, (self.get(key) ?? 0) + dt);
        total += dt;
    });
    return [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([key, time]) => `${((time / total) * 100).toFixed(1).padStart(6)}%  ${key}`)
        .join('\n');
}
//# sourceMappingURL=profile.js.map