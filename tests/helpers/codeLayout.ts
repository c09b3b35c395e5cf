/**
 * Reads the project's source as the layout rules see it (tests/layout.test.ts): every module's relative
 * imports (static, dynamic and `vi.mock` paths alike) resolved to files, the import cycles among them, and
 * every function's length in lines. Parsed with the TypeScript compiler, so comments and strings that look
 * like imports are not counted.
 */
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

const SOURCE = /\.(ts|tsx|mts|mjs)$/;

/** Every source file under `dir` (relative to the repository), node_modules and build output left out. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(join(ROOT, d))) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      const rel = join(d, name);
      if (statSync(join(ROOT, rel)).isDirectory()) walk(rel);
      else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

/** The file a relative specifier names (`./x.js` is `./x.ts` or `./x.tsx` in source), or null. */
export function resolveSpecifier(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return null;
  const base = join(dirname(fromFile), spec);
  const candidates = spec.endsWith('.js')
    ? [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base]
    : [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  for (const c of candidates) if (existsSync(join(ROOT, c)) && statSync(join(ROOT, c)).isFile()) return c;
  return null;
}

function parse(file: string): ts.SourceFile {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

/**
 * The modules a file imports: `import … from` and `import type … from` alike (a cycle through types is
 * still two modules that cannot be read apart), `export … from`, `import()`, `require()`, and the
 * `import('…')` of a type position.
 */
export function specifiersOf(file: string): string[] {
  const sf = parse(file);
  const specs: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) specs.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specs.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return specs;
}

/** The project's files a file imports (its relative specifiers resolved). */
export function importsOf(file: string): string[] {
  return specifiersOf(file)
    .map((s) => resolveSpecifier(file, s))
    .filter((f): f is string => f !== null);
}

/** The import graph of the given files: file → the files it imports (only those among them). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const set = new Set(files);
  return new Map(files.map((f) => [f, importsOf(f).filter((t) => set.has(t))]));
}

/** Strongly connected components with more than one module (or a module importing itself): the cycles. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return out;
}

export interface FunctionSpan {
  file: string;
  name: string;
  line: number;
  lines: number;
}

/** Every function, method, arrow function and function expression with its length in source lines. */
export function functionSpans(file: string): FunctionSpan[] {
  const sf = parse(file);
  const out: FunctionSpan[] = [];
  const nameOf = (node: ts.Node): string => {
    const n = (node as { name?: ts.Node }).name;
    if (n && (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n))) return n.text;
    const p = node.parent;
    if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    if (p && ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
    if (p && ts.isCallExpression(p)) return `(callback of ${p.expression.getText(sf).slice(0, 40)})`;
    return '(anonymous)';
  };
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ file, name: nameOf(node), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** A path relative to the repository, for messages. */
export function rel(p: string): string {
  return relative(ROOT, resolve(ROOT, p));
}
