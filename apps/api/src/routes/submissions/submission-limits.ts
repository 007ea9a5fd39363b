/** The public submission form's protections: a small body, and a few submissions per address. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { rateLimiter } from 'hono-rate-limiter';
import { clientAddress } from '../../lib/auth.ts';
import type { AppEnv } from '../../lib/context.ts';
import { ApiError } from '../../lib/errors.ts';

export const SUBMISSION_MAX_BYTES = 32 * 1024;
export const SUBMISSION_WINDOW_MS = 60 * 60 * 1000;
export const MAX_SUBMISSIONS_PER_ADDRESS = 10;

export function submissionBodyLimit(): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: SUBMISSION_MAX_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', 'Votre demande est trop longue (32 Ko au plus) : raccourcissez la description.');
    },
  });
}

// One limiter per app (its services), counting in its database (shared by every server process, lib/rate-limit-store.ts).
const limiters = new WeakMap<object, MiddlewareHandler<AppEnv>>();

/** At most MAX_SUBMISSIONS_PER_ADDRESS submissions an hour from one address. */
export function submissionRateLimit(): MiddlewareHandler<AppEnv> {
  return async function submissionLimit(c, next) {
    let limiter = limiters.get(c.var.services);
    if (!limiter) {
      limiter = rateLimiter<AppEnv>({
        windowMs: SUBMISSION_WINDOW_MS,
        limit: MAX_SUBMISSIONS_PER_ADDRESS,
        standardHeaders: 'draft-6',
        store: c.var.services.rateLimitStore(),
        keyGenerator: (ctx) => `submission:${clientAddress(ctx)}`,
        handler: () => {
          throw new ApiError('rate_limited', 'Trop de demandes envoyées depuis cette connexion : réessayez dans une heure.');
        },
      });
      limiters.set(c.var.services, limiter);
    }
    return limiter(c, next);
  };
}
