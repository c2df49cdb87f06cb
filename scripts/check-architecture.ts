// Structural read of src/: imports between folders (which may point at which), import circles, file and
// function sizes. `node --import tsx scripts/check-architecture.ts` prints every finding; the test
// test/unit/architecture.test.ts asserts there are none.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const SRC = path.join(ROOT, 'src');

/**
 * Which top-level folders of src/ a folder may import from. Inner layers never import outer ones:
 * domain ← services ← api; engines and adapters (render, db, jobs, storage, …) implement ports and
 * are wired only by the composition root and the command line.
 */
export const ALLOWED_IMPORTS: Record<string, readonly string[]> = {
  domain: [],
  services: ['domain'],
  // The /mcp route serves the MCP tool set, which calls the API through the client SDK.
  api: ['domain', 'services', 'mcp', 'client'],
  render: ['domain'],
  db: ['domain', 'services'],
  jobs: ['domain', 'services', 'db'],
  storage: ['domain', 'services'],
  net: ['domain', 'services'],
  webhooks: ['domain', 'services', 'net'],
  auth: ['domain', 'services'],
  ratelimit: ['domain', 'services', 'jobs'],
  observability: ['domain', 'services'],
  cli: ['*'],
  compose: ['*'],
  main: ['*'],
  config: ['domain'],
  // The SDK stands alone (it is exported for other programs); the MCP tools reach Orator only through it.
  client: [],
  mcp: ['client'],
};

/** Files that are data or drawing tables rather than logic, exempt from the size limits (each says why in a comment). */
export const SIZE_EXEMPT = new Set<string>([]);
export const MAX_FILE_LINES = 400;
export const MAX_FUNCTION_LINES = 80;

export interface Finding {
  kind: 'upward-import' | 'cycle' | 'file-size' | 'function-size';
  where: string;
  detail: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function areaOf(file: string): string {
  const rel = path.relative(SRC, file);
  const first = rel.split(path.sep)[0]!;
  return first.endsWith('.ts') ? first.slice(0, -3) : first;
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

/** Value imports only: `import type` and type-only specifiers still count (a type is a contract too). */
function importsOf(file: string, source: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolveImport(file, node.moduleSpecifier.text);
      if (target) out.push(target);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const target = resolveImport(file, node.arguments[0].text);
      if (target) out.push(target);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function functionFindings(file: string, source: ts.SourceFile): Finding[] {
  const findings: Finding[] = [];
  const rel = path.relative(ROOT, file);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > MAX_FUNCTION_LINES) {
        const name = (node as ts.FunctionDeclaration).name?.getText(source) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : ts.isPropertyAssignment(node.parent) ? node.parent.name.getText(source) : '(anonymous)');
        findings.push({ kind: 'function-size', where: `${rel}:${start + 1}`, detail: `${name} is ${lines} lines (at most ${MAX_FUNCTION_LINES})` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

export function checkArchitecture(): Finding[] {
  const files = sourceFiles(SRC);
  const findings: Finding[] = [];
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const rel = path.relative(ROOT, file);
    const imports = importsOf(file, source);
    graph.set(file, imports);
    const from = areaOf(file);
    const allowed = ALLOWED_IMPORTS[from] ?? [];
    for (const target of imports) {
      const to = areaOf(target);
      if (to === from || allowed.includes('*') || allowed.includes(to)) continue;
      findings.push({ kind: 'upward-import', where: rel, detail: `${from} imports ${path.relative(ROOT, target)} (${to})` });
    }
    if (!SIZE_EXEMPT.has(rel)) {
      const lines = text.split('\n').length;
      if (lines > MAX_FILE_LINES) findings.push({ kind: 'file-size', where: rel, detail: `${lines} lines (at most ${MAX_FILE_LINES})` });
      findings.push(...functionFindings(file, source));
    }
  }
  // Circles: Tarjan's strongly connected components over the file graph.
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const strong = (v: string): void => {
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
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) findings.push({ kind: 'cycle', where: path.relative(ROOT, v), detail: component.map((c) => path.relative(ROOT, c)).sort().join(' ↔ ') });
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return findings;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const findings = checkArchitecture();
  for (const f of findings) process.stdout.write(`${f.kind}\t${f.where}\t${f.detail}\n`);
  process.stdout.write(`${findings.length} findings\n`);
}
