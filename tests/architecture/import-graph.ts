/**
 * The import graph of the workspace's source, read with TypeScript's own parser, and the layering
 * rules it must keep (issue 15, item 5). `tests/architecture.test.ts` runs the rules on the real
 * tree and on small fake graphs (to prove each rule can fail).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One import (or re-export, or dynamic `import()`) of one source file. Paths are relative to the repository, with `/`. */
export type ImportEdge = {
  from: string;
  line: number;
  specifier: string;
  /** The repository path the specifier reaches (a file or a package directory ending in `/`), or null for a third-party package. */
  target: string | null;
  /** `import type …`, `export type … from`, or every named binding marked `type`: erased at build, nothing runs. */
  typeOnly: boolean;
  /** The names imported (`default`, `*` for a namespace or a bare `export *`). */
  names: string[];
};

export type Violation = { rule: string; edge: ImportEdge };

export type Rule = {
  name: string;
  /** Does the rule look at imports written in this file? */
  appliesTo: (file: string) => boolean;
  /** Is this import forbidden there? */
  forbids: (edge: ImportEdge) => boolean;
};

const under = (prefix: string) => (path: string | null) => path?.startsWith(prefix) === true;
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/**
 * The rules. Tests next to the code (`*.test.ts`) are not the request path: they may open a
 * database to set up what they check, so no rule applies to them.
 */
export const RULES: Rule[] = [
  {
    // Routes receive services, never the database. A type-only import from @pare/db (a record type
    // such as `UserRecord`) is erased at build and reaches no SQL: allowed, except the `Db` handle itself.
    name: 'routes must not import @pare/db (type-only imports of record types are allowed, never `Db`)',
    appliesTo: (f) => f.startsWith('apps/api/src/routes/') && !isTest(f),
    forbids: (e) => under('packages/db/')(e.target) && (!e.typeOnly || e.names.includes('Db')),
  },
  {
    // Services sit below routes: not even a type (wire types belong in @pare/schema).
    name: 'services must not import from routes/',
    appliesTo: (f) => f.startsWith('apps/api/src/services/') && !isTest(f),
    forbids: (e) => under('apps/api/src/routes/')(e.target),
  },
  {
    name: 'packages must not import from apps/',
    appliesTo: (f) => f.startsWith('packages/') && !isTest(f),
    forbids: (e) => under('apps/')(e.target),
  },
  {
    // The browser bundle: no database, no geography referential, no server code. The one
    // exception is `import type` from the API's source (the route tree's types for the typed client).
    name: 'the web must not import @pare/db, @pare/geo or server code (only `import type` from apps/api/src)',
    appliesTo: (f) => f.startsWith('apps/web/') && !isTest(f),
    forbids: (e) =>
      under('packages/db/')(e.target) ||
      under('packages/geo/')(e.target) ||
      (under('apps/api/')(e.target) && !(e.typeOnly && under('apps/api/src/')(e.target))),
  },
];

export function checkGraph(edges: readonly ImportEdge[], rules: readonly Rule[] = RULES): Violation[] {
  const out: Violation[] = [];
  for (const edge of edges)
    for (const rule of rules) if (rule.appliesTo(edge.from) && rule.forbids(edge)) out.push({ rule: rule.name, edge });
  return out;
}

/** One line per violation, `file:line  specifier  (rule)`, for a failure message a person can act on. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map(({ rule, edge }) => `${edge.from}:${edge.line}  ${edge.typeOnly ? 'import type ' : ''}'${edge.specifier}'  — ${rule}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Reading the graph from the source.
// ---------------------------------------------------------------------------------------------

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['apps/api/src', 'apps/web/src', 'packages/db/src', 'packages/geo/src', 'packages/routing/src', 'packages/schema/src'];

/** Workspace package name → its directory and its `exports` map (subpath → file). */
function workspacePackages(root: string): WorkspacePackages {
  const map = new Map<string, { dir: string; exports: Record<string, string> }>();
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(root, group))) {
      const dir = `${group}/${name}`;
      let pkg: { name?: string; exports?: Record<string, string> | string };
      try {
        pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (!pkg.name) continue;
      const exports = typeof pkg.exports === 'string' ? { '.': pkg.exports } : (pkg.exports ?? {});
      map.set(pkg.name, { dir, exports });
    }
  }
  return map;
}

function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...sourceFiles(root, path));
    } else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

export type WorkspacePackages = Map<string, { dir: string; exports: Record<string, string> }>;

export function resolveTarget(root: string, from: string, specifier: string, packages: WorkspacePackages): string | null {
  if (specifier.startsWith('.'))
    return relative(root, resolve(root, dirname(from), specifier))
      .split('\\')
      .join('/');
  const match = /^(@[^/]+\/[^/]+|[^@/][^/]*)(\/.*)?$/.exec(specifier);
  const pkg = match?.[1] ? packages.get(match[1]) : undefined;
  if (!pkg) return null;
  const sub = `.${match?.[2] ?? ''}`;
  const file = pkg.exports[sub];
  return file ? `${pkg.dir}/${file.replace(/^\.\//, '')}` : `${pkg.dir}/`;
}

/** The imports of one file's text. */
export function importsOf(file: string, text: string, resolveSpecifier: (specifier: string) => string | null): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (node: ts.Node, specifier: string, typeOnly: boolean, names: string[]) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    edges.push({ from: file, line, specifier, target: resolveSpecifier(specifier), typeOnly, names });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const names: string[] = [];
      let allTypes = clause !== undefined;
      if (clause?.name) {
        names.push('default');
        allTypes = false;
      }
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        names.push('*');
        allTypes = false;
      } else if (bindings) {
        for (const el of bindings.elements) {
          names.push((el.propertyName ?? el.name).text);
          if (!el.isTypeOnly) allTypes = false;
        }
        if (bindings.elements.length === 0) allTypes = false;
      }
      add(node, node.moduleSpecifier.text, clause?.isTypeOnly === true || allTypes, names);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const names = clause && ts.isNamedExports(clause) ? clause.elements.map((el) => (el.propertyName ?? el.name).text) : ['*'];
      const allTypes =
        clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((el) => el.isTypeOnly);
      add(node, node.moduleSpecifier.text, node.isTypeOnly || allTypes, names);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node, node.arguments[0].text, false, ['*']);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      // `typeof import('…')` in a type position: a type-only edge.
      add(node, node.argument.literal.text, true, [node.qualifier ? node.qualifier.getText(source) : '*']);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Every import of every source file of the apps and packages. */
export function readImportGraph(root = REPO_ROOT): ImportEdge[] {
  const packages = workspacePackages(root);
  const edges: ImportEdge[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of sourceFiles(root, dir)) {
      edges.push(...importsOf(file, readFileSync(join(root, file), 'utf8'), (s) => resolveTarget(root, file, s, packages)));
    }
  }
  return edges;
}
