import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';

/** Without PARE_PUBLIC_URL nor a configured local origin (tests), links point at this machine. */
export const DEFAULT_LOCAL_ORIGIN = 'http://localhost';

/**
 * The base of the links in exported data (`<base>/acteurs/<slug>`): the site's configured public
 * address (PARE_PUBLIC_URL, as the mails use it), else the server's own local address. Never the
 * `Host` header: a file fetched with a forged Host (and cached, or reused) would otherwise point
 * its readers at someone else's site.
 */
export function publicOrigin(c: Context<AppEnv>): string {
  const configured = c.var.config?.publicUrl;
  if (configured) return configured.replace(/\/+$/, '');
  return (c.var.config?.localOrigin ?? DEFAULT_LOCAL_ORIGIN).replace(/\/+$/, '');
}
