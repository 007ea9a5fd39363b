/** The service's health answers (`/api/health`, `/api/health/details`). */
import { z } from 'zod';

export const HealthSchema = z.object({ status: z.literal('ok') });

export const HealthDetailsSchema = z.object({
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
