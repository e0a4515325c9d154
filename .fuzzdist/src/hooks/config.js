// Settings of the ext_authz filter and cluster kgate injects (parsed from the
// --ext-authz-* flags by cli/hook-flags.ts, the same for `kgate serve` and
// `kgate inject`).
export {};
//# sourceMappingURL=config.js.map