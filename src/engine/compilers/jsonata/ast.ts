// What a JSONata AST reads from outside: the `$name` variables that no
// construct of the expression itself binds.

/** A node of jsonata's AST (its .d.ts types only part of it). */
export interface AstNode {
  readonly type: string;
  readonly value?: unknown;
  readonly position?: number;
  readonly [key: string]: unknown;
}

/**
 * Names of the variables the expression reads and does not bind itself
 * (`:=` in a block, lambda parameters, `@$x` / `#$i` in a path). `$` and `$$`
 * (context and root) are not variables.
 *
 * Lambda bodies run when called, so they see every name their enclosing
 * blocks bind, even later ones (mutual recursion); they are analysed once
 * those blocks are complete. A lambda called before a later `:=` of a name
 * it expects from outside is the one case this over-approximates.
 */
export function freeVariables(ast: AstNode): Set<string> {
  const free = new Set<string>();
  const top = new Frame(undefined);
  visit(ast, top, free);
  top.close();
  return free;
}

class Frame {
  private readonly names = new Set<string>();
  private readonly lambdas: (() => void)[] = [];

  constructor(private readonly parent: Frame | undefined) {}

  bind(name: string): void {
    this.names.add(name);
  }

  binds(name: string): boolean {
    return this.names.has(name) || (this.parent?.binds(name) ?? false);
  }

  defer(body: () => void): void {
    this.lambdas.push(body);
  }

  /** Analyses the lambdas defined in this frame, now that it binds all it will. */
  close(): void {
    for (const body of this.lambdas) body();
  }
}

function visit(node: AstNode, frame: Frame, free: Set<string>): void {
  switch (node.type) {
    case 'variable': {
      const name = node.value as string;
      if (name !== '' && name !== '$' && !frame.binds(name)) free.add(name);
      break;
    }
    case 'bind': {
      const name = (node.lhs as AstNode).value as string;
      const rhs = node.rhs as AstNode;
      if (rhs.type === 'lambda') frame.bind(name);
      visit(rhs, frame, free);
      frame.bind(name);
      return;
    }
    case 'block': {
      const block = new Frame(frame);
      for (const expression of node.expressions as AstNode[]) visit(expression, block, free);
      block.close();
      break;
    }
    case 'lambda': {
      frame.defer(() => {
        const call = new Frame(frame);
        for (const parameter of node.arguments as AstNode[]) call.bind(parameter.value as string);
        visit(node.body as AstNode, call, free);
        call.close();
      });
      return;
    }
    case 'path': {
      const path = new Frame(frame);
      for (const step of node.steps as AstNode[]) {
        for (const key of ['focus', 'index'] as const) if (typeof step[key] === 'string') path.bind(step[key] as string);
        visit(step, path, free);
      }
      visitChildren(node, path, free, ['steps']);
      path.close();
      return;
    }
  }
  visitChildren(node, frame, free, node.type === 'block' ? ['expressions'] : []);
}

// Child nodes hide under many keys (arguments, lhs/rhs, stages, predicate,
// group, terms, pairs of an object constructor...): walk every value that is
// a node or holds nodes, minus the keys already handled.
function visitChildren(node: AstNode, frame: Frame, free: Set<string>, skip: readonly string[]): void {
  for (const key of Object.keys(node)) {
    if (!skip.includes(key)) visitAny(node[key], frame, free);
  }
}

function visitAny(value: unknown, frame: Frame, free: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) visitAny(item, frame, free);
  } else if (isNode(value)) {
    visit(value, frame, free);
  } else if (typeof value === 'object' && value !== null && !(value instanceof RegExp)) {
    for (const item of Object.values(value)) visitAny(item, frame, free);
  }
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * jsonata's parser builds a fresh symbol table (about eighty symbols with
 * their own closures) per parse, and every token it keeps in the AST is
 * `Object.create(symbol)`: each compiled expression held its whole parser,
 * ~12 KB, and a 10,000-rule policy spent most of its compile and check time
 * in the garbage collector. Evaluation reads only a token's own fields, so
 * the link is cut (parse-time fields copied) and the parser can be collected.
 */
export function releaseParser(ast: AstNode): void {
  const seen = new Set<object>();
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== null && proto !== Object.prototype) {
      // Only parser tokens: their prototype is a symbol (it has a binding power). Regex engines and the like keep theirs.
      if (!Object.hasOwn(proto, 'lbp')) continue;
      // Only `value` is read after parsing; the symbol's id, lbp, nud and led are the parser's (and own keys matter: see `only`).
      const token = value as Record<string, unknown>;
      if (!Object.hasOwn(token, 'value') && token.value !== undefined) token.value = token.value as unknown;
      Object.setPrototypeOf(token, Object.prototype);
    }
    for (const item of Object.values(value)) stack.push(item);
  }
}
