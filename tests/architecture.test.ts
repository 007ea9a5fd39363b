/**
 * Issue 15, item 5: the layering said in the README, checked on the import graph read from the
 * source (TypeScript's parser, every `import`, `export … from` and `import()`). A failure lists
 * every forbidden import with its file and line.
 */
import { describe, expect, it } from 'vitest';
import {
  checkGraph,
  describeViolations,
  type ImportEdge,
  importsOf,
  REPO_ROOT,
  readImportGraph,
  resolveTarget,
  type WorkspacePackages,
} from './architecture/import-graph.ts';

/** A fake workspace: the same package names as the real one, no file read. */
const FAKE_PACKAGES: WorkspacePackages = new Map<string, { dir: string; exports: Record<string, string> }>([
  ['@pare/db', { dir: 'packages/db', exports: { '.': './src/index.ts' } }],
  ['@pare/geo', { dir: 'packages/geo', exports: { '.': './src/index.ts' } }],
  ['@pare/schema', { dir: 'packages/schema', exports: { '.': './src/index.ts' } }],
  ['@pare/api', { dir: 'apps/api', exports: { './app': './src/app.ts' } }],
]);

/** The edges of a fake file, through the real parser and the real resolution. */
const fakeFile = (file: string, text: string): ImportEdge[] => importsOf(file, text, (s) => resolveTarget('/repo', file, s, FAKE_PACKAGES));

const violationsIn = (file: string, text: string) =>
  checkGraph(fakeFile(file, text)).map((v) => `${v.edge.from}:${v.edge.line} ${v.edge.specifier}`);

describe('the import rules', () => {
  it('the real source keeps every rule (the failure lists each forbidden import as file:line)', () => {
    const edges = readImportGraph(REPO_ROOT);
    // The reader really read the tree: the API's app imports its routes, the web imports React.
    expect(edges.some((e) => e.from === 'apps/api/src/app.ts' && e.target?.startsWith('apps/api/src/routes/'))).toBe(true);
    expect(edges.some((e) => e.from.startsWith('apps/web/src/') && e.specifier === 'react')).toBe(true);
    const violations = checkGraph(edges);
    // One line per forbidden import (file:line, the specifier, the rule), none expected.
    expect(describeViolations(violations)).toBe('');
  });

  it('a route importing a value from @pare/db, or the `Db` handle even as a type, is refused; a record type is allowed', () => {
    const file = 'apps/api/src/routes/actors/actors.index.ts';
    expect(
      violationsIn(
        file,
        [
          "import { Hono } from 'hono';",
          "import { actorRepository } from '@pare/db';",
          "import type { Db } from '@pare/db';",
          "import type { UserRecord } from '@pare/db';",
          "import { type ActorRecord } from '../../../../../packages/db/src/actors.ts';",
          "export { listPublishedNews } from '@pare/db';",
          "const lazy = () => import('@pare/db');",
        ].join('\n'),
      ),
    ).toEqual([`${file}:2 @pare/db`, `${file}:3 @pare/db`, `${file}:6 @pare/db`, `${file}:7 @pare/db`]);
  });

  it('a test next to a route may open a database', () => {
    expect(violationsIn('apps/api/src/routes/map-data/map-data.test.ts', "import { openDatabase } from '@pare/db';")).toEqual([]);
  });

  it('a service importing from a route folder is refused, even a type', () => {
    const file = 'apps/api/src/services/contact-requests.ts';
    expect(
      violationsIn(
        file,
        [
          "import type { AnswerView } from '../routes/answer/answer.schemas.ts';",
          "import { policy } from '../lib/policy.ts';",
          "import { actorRepository } from '@pare/db';",
        ].join('\n'),
      ),
    ).toEqual([`${file}:1 ../routes/answer/answer.schemas.ts`]);
  });

  it('a package importing from an app is refused, by package name or by relative path', () => {
    const file = 'packages/db/src/import.ts';
    expect(
      violationsIn(
        file,
        [
          "import { createApp } from '@pare/api/app';",
          "import type { AppConfig } from '../../../apps/api/src/env.ts';",
          "import { z } from 'zod';",
        ].join('\n'),
      ),
    ).toEqual([`${file}:1 @pare/api/app`, `${file}:2 ../../../apps/api/src/env.ts`]);
  });

  it('the web may import only types from the API source, and nothing from @pare/db or @pare/geo', () => {
    const file = 'apps/web/src/lib/api.ts';
    expect(
      violationsIn(
        file,
        [
          "import type { AppType } from '../../../api/src/app.ts';",
          "export type { AnswerView } from '../../../api/src/routes/answer/answer.schemas.ts';",
          "import { AnswerSchema } from '../../../api/src/routes/answer/answer.schemas.ts';",
          "import { departementName } from '@pare/geo';",
          "import type { Db } from '@pare/db';",
          "import { createApp } from '@pare/api/app';",
          "import { ActorSchema } from '@pare/schema';",
        ].join('\n'),
      ),
    ).toEqual([
      `${file}:3 ../../../api/src/routes/answer/answer.schemas.ts`,
      `${file}:4 @pare/geo`,
      `${file}:5 @pare/db`,
      `${file}:6 @pare/api/app`,
    ]);
  });

  it('a violation is described with its file, its line and the rule it breaks', () => {
    const text = describeViolations(
      checkGraph(fakeFile('apps/api/src/routes/x/x.index.ts', "\n\nimport { openDatabase } from '@pare/db';")),
    );
    expect(text).toBe(
      "apps/api/src/routes/x/x.index.ts:3  '@pare/db'  — routes must not import @pare/db (type-only imports of record types are allowed, never `Db`)",
    );
  });
});
