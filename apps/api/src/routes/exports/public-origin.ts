import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';

/**
 * The base of the links in exported data (`<base>/acteurs/<slug>`): the site's configured public
 * address (PARE_PUBLIC_URL, as the mails use it), else the origin the request came to. The
 * configured address wins so that a file fetched through an internal name, or with a forged
 * Host header, still links to the real site.
 */
export function publicOrigin(c: Context<AppEnv>): string {
  const configured = c.var.config?.publicUrl;
  return configured ? configured.replace(/\/+$/, '') : new URL(c.req.url).origin;
}
