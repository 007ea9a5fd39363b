/** The public answer cache (apps/api/src/lib/public-cache.ts) in front of a bare app, without the rest of the API. */
import type { PublicCache } from '@pare/api/public-cache';
import { Hono, type MiddlewareHandler } from 'hono';

/** A bare app behind `cache`, asked anonymously: what the real app's first middlewares set (request id, no user) is set. */
export function behindPublicCache(cache: PublicCache) {
  return new Hono()
    .use('*', async (c, next) => {
      c.set('requestId' as never, 'r' as never);
      c.set('user' as never, null as never);
      await next();
    })
    .use('*', cache as unknown as MiddlewareHandler);
}

/** Pages `/a/:n` of about 3 KB behind `cache`, counting in `built` how many it had to build. */
export function paddedPagesBehind(cache: PublicCache) {
  const pages = {
    built: 0,
    app: behindPublicCache(cache).get('/a/:n', (c) => {
      pages.built++;
      return c.json({ n: c.req.param('n'), pad: 'x'.repeat(3000) });
    }),
  };
  return pages;
}
