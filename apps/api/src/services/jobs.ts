import { resolveConfig } from '../lib/config.ts';
import type { AppConfig, AppDeps } from '../lib/context.ts';
import type { Logger } from '../lib/logger.ts';
import { type BackupSettings, runBackupIfDue } from './backup-job.ts';
import { queueFreshnessDigest } from './freshness.ts';
import { reposOf } from './index.ts';
import { purgeUnconfirmedSubscribers } from './newsletter.ts';
import { resumeInterruptedSends } from './newsletter-issues.ts';
import { runRequestFollowUp } from './request-follow-up.ts';
import { eraseExpiredSubmitters, purgeExpiredContactRequests } from './retention.ts';
import { runEvery } from './run-every.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** What the jobs need: no web app, so `pnpm pare jobs:run` builds it from the environment alone. */
export type JobDeps = Pick<AppDeps, 'db' | 'actors'> & {
  log: Logger;
  config: Pick<AppConfig, 'teamEmail' | 'publicUrl' | 'followUp' | 'retentionDays'>;
};

type Job = { name: string; everyMs: number; run: (deps: JobDeps, now: Date) => unknown };

/** Before Monday 8:00 in Paris the week's digest waits (curators read it on Monday morning). */
function digestMayGo(now: Date): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    weekday: 'short',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const weekday = parts.find((p) => p.type === 'weekday')?.value;
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  return !(weekday === 'Mon' && hour < 8);
}

export const JOBS: readonly Job[] = [
  { name: 'request-follow-up', everyMs: HOUR_MS / 4, run: (deps, now) => runRequestFollowUp(deps, now) },
  {
    name: 'retention',
    everyMs: DAY_MS,
    run: (deps, now) => {
      const retentionDays = resolveConfig(deps.config).retentionDays;
      const rd = { db: deps.db, log: deps.log, retentionDays };
      return {
        ...purgeExpiredContactRequests(rd, now),
        submitters: eraseExpiredSubmitters(rd, now).submissions,
        links: reposOf(deps).secureLinks.purgeExpiredLinks(now),
        campaigns: reposOf(deps).campaigns.purgeCampaignsCreatedBefore(new Date(now.getTime() - retentionDays * DAY_MS)),
      };
    },
  },
  {
    name: 'freshness-digest',
    everyMs: 3 * HOUR_MS,
    run: (deps, now) =>
      digestMayGo(now) ? queueFreshnessDigest({ db: deps.db, log: deps.log, publicUrl: deps.config.publicUrl }, now) : 'attente lundi 8 h',
  },
  {
    // The letter: unconfirmed subscriptions deleted after 7 days; a send cut by a crash taken up where it stopped.
    name: 'newsletter',
    everyMs: HOUR_MS,
    run: (deps, now) => ({
      ...purgeUnconfirmedSubscribers(deps.db, now),
      resumedSends: resumeInterruptedSends({ db: deps.db, log: deps.log, config: { publicUrl: deps.config.publicUrl } }),
    }),
  },
];

export type JobReport = { name: string; ran: boolean; result?: unknown; error?: string };

/**
 * Runs the jobs due at `now` (all of them with `force`, as `jobs:run` does), records each run, and
 * returns what each did. A failing job is logged by name and does not stop the others.
 */
export function runJobs(deps: JobDeps, now = new Date(), opts: { force?: boolean } = {}): JobReport[] {
  const runs = reposOf(deps).jobRuns;
  return JOBS.map((job) => {
    const last = runs.lastRun(job.name);
    const due = opts.force || !last || Math.abs(now.getTime() - new Date(last).getTime()) >= job.everyMs;
    if (!due) return { name: job.name, ran: false };
    try {
      const result = job.run(deps, now);
      runs.recordRun(job.name, now, result);
      return { name: job.name, ran: true, result };
    } catch (err) {
      deps.log.error('job failed', { job: job.name, error: err instanceof Error ? err.name : 'unknown' });
      runs.recordRun(job.name, now, { error: err instanceof Error ? err.name : 'unknown' });
      return { name: job.name, ran: true, error: err instanceof Error ? err.message : String(err) };
    }
  });
}

/**
 * The server's timer: every minute, the jobs that are due, and the daily backup (in a worker
 * thread, when `backup` is given; recorded in `job_runs` as `backup`). The timer does not keep
 * the process alive. The returned stop function ends the timer and a backup under way (its
 * unfinished files removed); it resolves once nothing runs.
 */
export function startJobSchedule(deps: JobDeps & { backup?: BackupSettings | undefined }, everyMs = 60_000): () => Promise<void> {
  let backup: ReturnType<typeof runBackupIfDue>;
  const tick = () => {
    runJobs(deps, new Date());
    if (deps.backup && !backup) {
      backup = runBackupIfDue({ db: deps.db, log: deps.log, backup: deps.backup }, new Date());
      void backup?.recorded.finally(() => {
        backup = undefined;
      });
    }
  };
  const stopTimer = runEvery(tick, everyMs);
  return async () => {
    stopTimer();
    if (backup) await backup.abort();
  };
}
