// kgate's single entry point. Subcommands load lazily so `kgate check` never
// pays for gRPC and `kgate serve` never pays for the scan printer.
import { errorText } from '../engine/types.js';
const commands = {
    scan: { summary: 'apply kyverno-json policies to a JSON/YAML payload, as kyverno-json scan does', load: () => import('./scan.js') },
    serve: { summary: 'run the ext_authz server (gRPC and HTTP), the Envoy Gateway hooks, health and metrics', load: () => import('./serve.js') },
    check: { summary: 'decide one CheckRequest offline, as serve would', load: () => import('./check.js') },
    test: { summary: 'run offline policy tests (kgate.dev/v1alpha1 Test manifests)', load: () => import('./test.js') },
    inject: { summary: 'add the ext_authz filter to listener files, as the Envoy Gateway hook does', load: () => import('./inject.js') },
};
function usage() {
    const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
    return `usage: kgate <command> [flags]\n\ncommands:\n${lines.join('\n')}\n\nRun 'kgate <command> --help' for its flags, 'kgate --version' for the version.\n`;
}
async function main(argv) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(usage());
        return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === 'version') {
        process.stdout.write(`kgate ${await version()}\n`);
        return 0;
    }
    const command = commands[name];
    if (!command) {
        process.stderr.write(`kgate: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
        return 2;
    }
    return (await command.load()).run(rest);
}
/** The version in package.json, read at run time so a build never carries a stale copy. */
async function version() {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));
    return String(manifest.version);
}
main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
}, (error) => {
    process.stderr.write(`kgate: ${errorText(error)}\n`);
    process.exitCode = 2;
});
//# sourceMappingURL=main.js.map