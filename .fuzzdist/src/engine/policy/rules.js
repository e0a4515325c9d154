// Signatures implemented by ./validating.ts (declared here so other areas can
// code against them before it lands):
//   compileRules(spec: unknown, path: string, options: CompileOptions): CompiledRules
//     `spec` holds `compiler` and `rules` only (kgate-specific fields already removed);
//     unknown fields are refused with PolicyError naming the field path.
//   compileContext(entries: unknown, path: string, options: CompileOptions): ContextBinder
//   compileValue(value: unknown, path: string, options: CompileOptions): ValueProgram
/**
 * The base scope of one policy evaluation, built here only: the caller's
 * bindings (`--bindings` keys, derived request bindings) plus `$payload` and
 * `$policy`. Policy context, rules, and allow and deny shaping all see it.
 */
export function policyBindings(base, payload, policy) {
    return base.with('payload', payload).with('policy', policy);
}
//# sourceMappingURL=rules.js.map