import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import { listBackups } from '../../services/backup.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Service'],
  summary: 'État du service',
  responses: {
    200: { description: 'La base est prête', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
  },
});

const HealthDetailsSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  problems: z.array(z.string()),
  version: z.string(),
  uptime_s: z.number(),
  checked_at: z.string(),
  database: z.object({
    size_bytes: z.number(),
    wal_bytes: z.number(),
    integrity: z.object({ result: z.string(), checked_at: z.string() }).nullable(),
  }),
  outbox: z.object({
    smtp_configured: z.boolean().nullable(),
    pending: z.number(),
    failed: z.number(),
    oldest_pending_age_s: z.number().nullable(),
    failed_over_a_day: z.number(),
  }),
  backup: z.object({
    last: z.object({ file: z.string(), at: z.string(), age_s: z.number(), bytes: z.number() }).nullable(),
    last_error: z.string().nullable(),
  }),
  jobs: z.array(z.object({ name: z.string(), last_run_at: z.string(), ok: z.boolean() })),
});

const healthDetailsRoute = createRoute({
  method: 'get',
  path: '/health/details',
  tags: ['Service'],
  summary: 'État détaillé (administrateurs, ou depuis la machine elle-même)',
  description:
    'Base (taille, WAL, intégrité du dernier contrôle), file d’envoi, dernière sauvegarde, dernières exécutions des tâches, version, durée de fonctionnement. `degraded` : un courriel en échec depuis plus d’un jour, une sauvegarde de plus de deux jours.',
  responses: {
    200: { description: 'L’état détaillé', content: { 'application/json': { schema: HealthDetailsSchema } } },
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
