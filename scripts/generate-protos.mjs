// The one command that reproduces everything generated from .proto files:
//   node scripts/generate-protos.mjs   (npm run generate)
// 1. build/proto-deps/: the Envoy, xds and googleapis trees of @grpc/grpc-js-xds,
//    with protoc-gen-validate annotations stripped (see strip-validate.mjs).
// 2. src/gen/: TypeScript from protoc-gen-es for the types kgate uses (buf.gen.yaml).
// 3. build/envoy-descriptors.binpb: every Envoy v3 type, for tools and tests that
//    read Envoy Gateway's protobuf JSON (Any payloads of any filter).
import { execFileSync } from 'node:child_process';
import { existsSync as exists, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripValidate } from './strip-validate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const xdsDeps = join(dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
const depsOut = join(root, 'build', 'proto-deps');
const buf = join(root, 'node_modules', '.bin', 'buf');

function* protoFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* protoFiles(path);
    else if (name.endsWith('.proto')) yield path;
  }
}

function copyStripped(tree) {
  const from = join(xdsDeps, tree);
  const to = join(depsOut, tree);
  for (const file of protoFiles(from)) {
    const target = join(to, relative(from, file));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, stripValidate(readFileSync(file, 'utf8')));
  }
}

rmSync(depsOut, { recursive: true, force: true });
for (const tree of ['envoy-api', 'xds', 'googleapis']) copyStripped(tree);

const run = (args) => execFileSync(buf, args, { cwd: root, stdio: 'inherit' });
run(['generate']);

// The bundle holds only part of Envoy's tree (no v2 closure, no OpenCensus or
// OpenTelemetry protos): keep every v3 file whose imports all resolve.
const roots = ['envoy-api', 'xds', 'googleapis'].map((t) => join(depsOut, t));
const resolve = (name) => roots.map((r) => join(root, relative(root, r), name)).find((p) => exists(p));
const buildable = new Map();
function canBuild(file) {
  if (!buildable.has(file)) {
    buildable.set(file, true);
    const imports = [...readFileSync(file, 'utf8').matchAll(/^import\s+(?:public\s+)?"([^"]+)";/gm)].map((m) => m[1]);
    const ok = imports.every((i) => i.startsWith('google/protobuf/') || (resolve(i) !== undefined && canBuild(resolve(i))));
    buildable.set(file, ok);
  }
  return buildable.get(file);
}
const v3 = [...protoFiles(join(depsOut, 'envoy-api', 'envoy'))].filter((f) => /\/v3\//.test(f) && canBuild(f)).flatMap((f) => ['--path', relative(root, f)]);
run(['build', ...v3, '-o', 'build/envoy-descriptors.binpb']);
