import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';
import { validationError, zodIssues } from './errors.ts';

/**
 * A route served by a plain handler (its body is a stream, CSV or a raw file) but described in the
 * OpenAPI document: registered there, its path returned in Hono's form (`{id}` → `:id`).
 */
export function documentedPath(router: OpenAPIHono<AppEnv>, route: RouteConfig): string {
  router.openAPIRegistry.registerPath(route);
  return route.path.replace(/\{(\w+)\}/g, ':$1');
}

/** A router whose request validation failures become the one 400 error body. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(zodIssues(result.error));
    },
  });
}
