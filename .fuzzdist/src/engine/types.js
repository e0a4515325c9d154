/** The text of something thrown: an Error's message, anything else as a string. */
export function errorText(error) {
    return error instanceof Error ? error.message : String(error);
}
/** An error tied to a place in a policy: where (source, document, field path) and why. */
export class PolicyError extends Error {
    source;
    path;
    reason;
    document;
    constructor(
    /** File path, or `extension resource <ns>/<name>`, or `<inline>`. */
    source, 
    /** Field path inside the document, kyverno-json style: `spec.rules[0].assert.all[1].check.foo`. */
    path, reason, 
    /** 0-based index of the YAML document in a multi-document file, when there is more than one. */
    document) {
        super(`${source}${document === undefined ? '' : ` (document ${document + 1})`}: ${path ? `${path}: ` : ''}${reason}`);
        this.source = source;
        this.path = path;
        this.reason = reason;
        this.document = document;
        this.name = 'PolicyError';
    }
}
/** Raised while evaluating (a function that fails, an expression that throws, a time box hit). */
export class EvaluationError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'EvaluationError';
    }
}
/** Raised when a decision runs past its deadline. */
export class DeadlineExceededError extends EvaluationError {
    /** `budgetMs` when the thrower knows the time box; the deadline alone otherwise. */
    constructor(budgetMs) {
        super(budgetMs ? `evaluation exceeded its time box of ${budgetMs} ms` : 'evaluation ran past its deadline');
        this.name = 'DeadlineExceededError';
    }
}
export class ExpressionSyntaxError extends Error {
    expression;
    compiler;
    constructor(expression, compiler, reason) {
        super(`${compiler} expression ${JSON.stringify(expression)} does not compile: ${reason}`);
        this.expression = expression;
        this.compiler = compiler;
        this.name = 'ExpressionSyntaxError';
    }
}
//# sourceMappingURL=types.js.map