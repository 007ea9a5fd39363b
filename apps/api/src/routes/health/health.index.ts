import { getConnInfo } from '@hono/node-server/conninfo';
import { HealthDetailsSchema, HealthSchema } from '@pare/schema';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import { jsonResponse, routeGroup } from '../../lib/openapi.ts';
import { listBackups } from '../../services/backup.ts';

const serviceRoute = routeGroup({ tags: ['Service'], errors: {} });

const healthRoute = serviceRoute('get', '/health', 'État du service', {
  responses: { 200: jsonResponse(HealthSchema, 'La base est prête') },
});

const healthDetailsRoute = serviceRoute('get', '/health/details', 'État détaillé (administrateurs, ou depuis la machine elle-même)', {
  description:
    'Base (taille, WAL, intégrité du dernier contrôle), file d’envoi, dernière sauvegarde, dernières exécutions des tâches, version, durée de fonctionnement. `degraded` : un courriel en échec depuis plus d’un jour, une sauvegarde de plus de deux jours.',
  responses: {
    200: jsonResponse(HealthDetailsSchema, 'L’état détaillé'),
    403: { description: 'Ni administrateur, ni depuis la machine elle-même' },
  },
});

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * A request from the machine itself (a monitoring script, `curl` over SSH). One that came
 * through a reverse proxy (which also connects from 127.0.0.1) carries a forwarding header and
 * does not count.
 */
function fromThisMachine(c: Context<AppEnv>): boolean {
  if (c.req.header('x-forwarded-for') || c.req.header('forwarded') || c.req.header('x-real-ip')) return false;
  try {
    return LOOPBACK.test(getConnInfo(c).remote.address ?? '');
  } catch {
    return false; // app.request() in tests has no socket
  }
}

export const healthRouter = createRouter()
  .openapi(healthRoute, (c) => {
    c.var.services.health.ping();
    return c.json({ status: 'ok' as const }, 200);
  })
  .openapi(healthDetailsRoute, async (c) => {
    if (c.var.user?.role !== 'admin' && !fromThisMachine(c)) {
      throw new ApiError('forbidden', 'L’état détaillé est réservé aux administrateurs (ou à la machine elle-même).');
    }
    const backupDir = c.var.config.backupDir;
    const lastBackup = backupDir ? (await listBackups(backupDir))[0] : undefined;
    c.header('Cache-Control', 'no-store');
    return c.json(c.var.services.health.details(lastBackup), 200);
  });
