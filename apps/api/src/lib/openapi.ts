/**
 * How a route is declared for OpenAPI: the answers every route shares (the error body, the
 * guard's refusals, a public read's 400/500), and `routeGroup`, which states once what a group of
 * routes has in common (tags, guard, shared errors) so each declaration says only its own.
 * The declarations keep their literal types (path, method, request, answers): the web's typed
 * client (`hc<ApiRoutes>`) infers from them.
 */
import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { ErrorBodySchema, FileUploadFormSchema, IdParamSchema } from '@pare/schema';
import { EDITORS, guard } from './policy.ts';

/** A JSON answer with its schema. */
export const jsonResponse = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A body in a text type (CSV, calendar, feed…): a string. */
export const textContent = <T extends string>(type: T) => ({ [type]: { schema: z.string() } }) as { [K in T]: { schema: z.ZodString } };

/** An answer in a text type. */
export const textResponse = <T extends string>(type: T, description: string) => ({ description, content: textContent(type) });

/** A file's bytes, as OpenAPI says it (`format: binary`). */
export const binaryResponse = <T extends string>(type: T, description: string) => ({
  description,
  content: { [type]: { schema: z.string().meta({ format: 'binary' }) } } as { [K in T]: { schema: z.ZodString } },
});

/** A refusal: the one error body (`{ error: { code, message, issues? } }`). */
export const errorResponse = (description: string) => jsonResponse(ErrorBodySchema, description);

/**
 * A route's answers: its JSON success (200) and its own refusals, each given by its status and
 * description (the one error body): `answers(CampaignSchema, 'La campagne', { 404: 'Campagne inconnue' })`.
 */
export function answers<S extends z.ZodType, const F extends Record<number, string> = Record<never, string>>(
  schema: S,
  description: string,
  refusals?: F,
) {
  const errors = Object.fromEntries(Object.entries(refusals ?? {}).map(([status, text]) => [status, errorResponse(text)]));
  return { 200: jsonResponse(schema, description), ...errors } as { 200: ReturnType<typeof jsonResponse<S>> } & {
    [K in keyof F]: ReturnType<typeof errorResponse>;
  };
}

/** A body or parameter refused by its schema. */
export const invalidFields = errorResponse('Champ invalide : `issues` nomme chaque champ en cause');

/** The refusals of every public read. */
export const publicErrors = { 400: errorResponse('Paramètre invalide'), 500: errorResponse('Erreur interne') };

/** The error answers every back-office route may give (the guard's, lib/policy.ts). */
export const guardErrors = {
  401: errorResponse('Connexion requise'),
  403: errorResponse('Rôle insuffisant, fiche hors de vos départements ou jeton CSRF manquant'),
};

/** The refusals of a back-office form: a field refused by its schema, and the guard's. */
export const editorErrors = { 400: invalidFields, ...guardErrors };

/** A slug (or other identifier) another record already has. */
export const identifierTaken = errorResponse('Identifiant déjà pris');

/** A path's numeric `{id}`. */
export const idParams = { params: IdParamSchema };

/** A request's JSON body (required). */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

/** An uploaded file in a `multipart/form-data` body, under the field `file`. */
export const fileUploadBody = () => ({
  body: { required: true, content: { 'multipart/form-data': { schema: FileUploadFormSchema } } },
});

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Responses = RouteConfig['responses'];
type Request = NonNullable<RouteConfig['request']>;
type Middleware = RouteConfig['middleware'];

/** What a group of routes says once. */
type GroupDefaults<E extends Responses> = {
  tags: string[];
  /** The routes' guard (`guard(...)` of lib/policy.ts) or limits; a route may give its own instead. */
  middleware?: Middleware;
  /** Answers every route of the group may give (a route's own answer with the same status wins). */
  errors: E;
};

/** What one route of a group says besides its method, path and summary. */
type RouteSpec<Req extends Request | undefined, R extends Responses> = {
  /** Instead of the group's tags. */
  tags?: string[];
  /** Instead of the group's middleware. */
  middleware?: Middleware;
  description?: string;
  externalDocs?: { description?: string; url: string };
  request?: Req;
  responses: R;
};

/**
 * A group of routes sharing tags, a guard and error answers: `group(method, path, summary,
 * { request, responses })` declares one (its OpenAPI operation keeps the order tags, summary,
 * description, externalDocs of a hand-written declaration).
 */
export function routeGroup<const E extends Responses>(defaults: GroupDefaults<E>) {
  return <const M extends Method, const P extends string, const R extends Responses, Req extends Request | undefined = undefined>(
    method: M,
    path: P,
    summary: string,
    spec: RouteSpec<Req, R>,
  ) =>
    createRoute({
      method,
      path,
      tags: spec.tags ?? defaults.tags,
      middleware: spec.middleware ?? defaults.middleware,
      summary,
      ...(spec.description === undefined ? {} : { description: spec.description }),
      ...(spec.externalDocs === undefined ? {} : { externalDocs: spec.externalDocs }),
      request: spec.request as Req,
      responses: { ...defaults.errors, ...spec.responses } as Omit<E, keyof R> & R,
    });
}

/**
 * The back-office routes open to editors (`EDITORS` of lib/policy.ts), which refuse as the guard
 * does (`guardErrors`) or, for a form, also a field (`editorErrors`): who edits is said once.
 */
export const editorRoutes = <const E extends Responses>(tags: string[], errors: E) =>
  routeGroup({ tags, middleware: guard(...EDITORS), errors });
