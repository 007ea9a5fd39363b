import type { ErrorBody, ErrorCode, ErrorIssue } from '@pare/schema';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
};

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  validation_error: 'Certaines données sont invalides.',
  unauthorized: 'Connexion requise.',
  forbidden: 'Vous n’avez pas accès à cette action.',
  not_found: 'Ressource introuvable.',
  conflict: 'Cette donnée existe déjà ou a changé entre-temps.',
  gone: 'Ce lien a déjà servi : il n’est plus utilisable.',
  payload_too_large: 'Requête trop volumineuse.',
  rate_limited: 'Trop de requêtes : réessayez dans quelques instants.',
  internal_error: 'Une erreur interne est survenue. Réessayez plus tard.',
};

/** The one error type of the API: a stable code for programs, a French message for people. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message ?? DEFAULT_MESSAGE[code]);
  }
  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}

export function zodIssues(error: ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(racine)', message: i.message }));
}

export function validationError(issues: ErrorIssue[]): ApiError {
  return new ApiError('validation_error', DEFAULT_MESSAGE.validation_error, issues);
}

type Logger = { error: (msg: string, fields: Record<string, unknown>) => void };

/** Turns anything thrown into the one error body. Unknown errors are logged, never described. */
export function handleError(err: unknown, c: Context, log: Logger): Response {
  const requestId = (c.get('requestId' as never) as string | undefined) ?? undefined;
  let apiError: ApiError;
  if (err instanceof ApiError) apiError = err;
  else if (err instanceof ZodError) apiError = validationError(zodIssues(err));
  else if (err instanceof HTTPException && err.status === 413) apiError = new ApiError('payload_too_large');
  else if (err instanceof HTTPException && err.status < 500) {
    apiError = new ApiError(
      err.status === 401 ? 'unauthorized' : err.status === 403 ? 'forbidden' : err.status === 404 ? 'not_found' : 'validation_error',
    );
  } else {
    // Only the error's class and message go to the log: never a request body.
    log.error('unhandled error', { requestId, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    apiError = new ApiError('internal_error');
  }
  const body: ErrorBody = { error: apiError.code, message: apiError.message, requestId };
  if (apiError.issues) body.issues = apiError.issues;
  return c.json(body, apiError.status);
}
