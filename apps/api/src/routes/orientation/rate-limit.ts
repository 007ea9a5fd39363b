/** Per-client rate limits of the public POST routes, with hono-rate-limiter and the one error shape. */
import type { MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { clientAddress } from '../../lib/auth.ts';
import type { RateLimitName } from '../../lib/config.ts';
import type { AppConfig, AppEnv } from '../../lib/context.ts';
import { ApiError } from '../../lib/errors.ts';

/**
 * Limits requests per client address (`clientAddress`: X-Forwarded-For only behind a trusted
 * proxy). The counts are kept in the database (lib/rate-limit-store.ts), shared by every server
 * process. The routers are module singletons shared by every app built in a process: one limiter
 * per AppConfig object, made on first use, counting in that app's database.
 */
export function perClientRateLimit(name: RateLimitName): MiddlewareHandler<AppEnv> {
  const limiters = new WeakMap<AppConfig, MiddlewareHandler<AppEnv>>();
  return async function rateLimit(c, next) {
    const config = c.var.config;
    let limiter = limiters.get(config);
    if (!limiter) {
      const { limit, windowMs } = config.rateLimits[name];
      limiter = rateLimiter<AppEnv>({
        windowMs,
        limit,
        standardHeaders: 'draft-6',
        store: c.var.services.rateLimitStore(),
        keyGenerator: (ctx) => `${name}:${clientAddress(ctx)}`,
        handler: () => {
          throw new ApiError(
            'rate_limited',
            'Trop de demandes depuis votre connexion : réessayez dans quelques minutes. En cas de danger, appelez le 17 ou le 119.',
          );
        },
      });
      limiters.set(config, limiter);
    }
    return limiter(c, next);
  };
}
