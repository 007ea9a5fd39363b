/**
 * The mark of the view warmer's own requests (services/view-warmer.ts `warmRequests`): sent to the
 * app's `fetch` as its environment, which nothing from outside can set (a symbol, not a header).
 * Such requests are answered as any visitor's, but not logged, not counted in /metrics, and their
 * answers are not remembered by the public cache.
 */
import type { Context } from 'hono';

const WARMING = Symbol('warming');

/** The environment of a warm request. */
export const WARM_ENV: Readonly<{ [WARMING]: true }> = Object.freeze({ [WARMING]: true as const });

/** The app's `fetch`, as the warmer calls it. */
export type AppFetch = (req: Request, env: typeof WARM_ENV) => Response | Promise<Response>;

/** Is this one of the warmer's own requests (not a visitor's)? */
export function isWarmRequest(c: Context): boolean {
  return (c.env as { [WARMING]?: true } | undefined)?.[WARMING] === true;
}
