/**
 * The upload routes of the back office (a resource's file, a news item's image), implemented by
 * hand: the role check first (an anonymous upload is refused before its body is read), then the
 * size limit while the body is read (never an unbounded buffer), then the `{id}` and the
 * multipart form's field `file`, with French errors on `file`.
 */

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { UserRecord } from '@pare/db';
import { IdParamSchema } from '@pare/schema';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { JSONParsed } from 'hono/utils/types';
import type { AppEnv } from '../lib/context.ts';
import { validationError, zodIssues } from '../lib/errors.ts';
import { EDITORS, guard } from '../lib/policy.ts';
import { tooLarge, UPLOAD_BODY_LIMIT } from '../services/uploads.ts';
import { currentEditor } from './admin-actors/admin-guard.ts';

type Upload = { c: Context<AppEnv>; user: UserRecord; id: number; file: unknown };

/** `PUT path` as the typed client sees it (Hono's route schema): its `:id`, and the JSON of what `store` returns. */
type UploadRoute<P extends string, T> = {
  [K in P]: { $put: { input: { param: { id: string } }; output: JSONParsed<T>; outputFormat: 'json'; status: 200 } };
};

/**
 * Serves `PUT <path with :id>` on `router`: `what` names the file in the errors (« l’image », « le
 * fichier »). Returns the router with the route in its type, answering what `store` returns.
 */
export function serveFileUpload<P extends `${string}/:id/${string}`, T>(
  router: OpenAPIHono<AppEnv>,
  path: P,
  what: string,
  store: (upload: Upload) => Promise<T>,
): OpenAPIHono<AppEnv, UploadRoute<P, T>> {
  const sendAsForm = `en multipart/form-data, dans le champ « file ».`;
  router.put(
    path,
    ...guard(...EDITORS),
    bodyLimit({
      maxSize: UPLOAD_BODY_LIMIT,
      onError: () => {
        throw tooLarge();
      },
    }),
    async (c) => {
      const params = IdParamSchema.safeParse({ id: c.req.param('id') });
      if (!params.success) throw validationError(zodIssues(params.error));
      if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? '')) {
        throw validationError([{ path: 'file', message: `Envoyez ${what} ${sendAsForm}` }]);
      }
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody({ all: true });
      } catch {
        throw validationError([{ path: 'file', message: `Formulaire illisible : envoyez ${what} ${sendAsForm}` }]);
      }
      return c.json(await store({ c, user: currentEditor(c), id: params.data.id, file: form.file }), 200);
    },
  );
  // The same router, the upload now in its type (declared above: the one Hono infers is too long for TypeScript to emit).
  return router as OpenAPIHono<AppEnv, UploadRoute<P, T>>;
}
