/**
 * Freshness: which entries need checking again (not verified for 12 months), where the
 * directory has no actor at all, and the weekly digest mail to the curators responsible.
 */
import { type ActorSummaryRecord, curationQueries, type Db, type UserRecord } from '@pare/db';
import { getDepartement, listDepartements } from '@pare/geo';
import { type Freshness, STALE_AFTER_DAYS } from '@pare/schema';
import type { Logger } from '../lib/logger.ts';
import { seesAll } from '../lib/policy.ts';
import { isStale, mayHandle, staleBefore, todayIn } from './curation.ts';
import { reposOf } from './index.ts';

export const DIGEST_MAIL_KIND = 'freshness-digest';

type FreshnessDeps = { db: Db };
/** `publicUrl` (PARE_PUBLIC_URL) makes the links in the digest absolute. */
type DigestDeps = FreshnessDeps & { log?: Logger; publicUrl?: string | undefined };

const published = (db: Db) =>
  curationQueries(db)
    .listActorSummaries()
    .filter((a) => a.status === 'published');
const reach = (a: ActorSummaryRecord) => ({ national: a.scope === 'national', departements: a.departements });

/**
 * Counts of published entries and of those « à revérifier », nationally and per département,
 * with the départements that have no actor at all. A relais gets their départements only.
 */
export function computeFreshness(deps: FreshnessDeps, user: UserRecord, now = new Date()): Freshness {
  const before = staleBefore(now);
  const actors = published(deps.db);
  const perDep = new Map<string, { actors: number; stale: number }>();
  const national = { actors: 0, stale: 0 };
  const total = { actors: 0, stale: 0 };
  for (const a of actors) {
    const stale = isStale(a.lastVerifiedAt, before) ? 1 : 0;
    if (a.scope === 'national') {
      national.actors++;
      national.stale += stale;
    }
    for (const d of a.departements) {
      const c = perDep.get(d) ?? { actors: 0, stale: 0 };
      c.actors++;
      c.stale += stale;
      perDep.set(d, c);
    }
    if (mayHandle(user, reach(a))) {
      total.actors++;
      total.stale += stale;
    }
  }
  const shown = user.role === 'relais' ? listDepartements().filter((d) => user.departements.includes(d.code)) : listDepartements();
  const departements = shown.map((d) => ({ code: d.code, name: d.name, ...(perDep.get(d.code) ?? { actors: 0, stale: 0 }) }));
  return {
    stale_after_days: STALE_AFTER_DAYS,
    stale_before: before,
    total,
    national,
    departements,
    gaps: departements.filter((d) => d.actors === 0).map((d) => ({ code: d.code, name: d.name })),
    pending_submissions: reposOf(deps).submissions.countSubmissions({
      status: 'nouvelle',
      departements: user.role === 'relais' ? user.departements : undefined,
    }),
  };
}

/** `2026-W48`: the ISO week of a date in France. */
export function isoWeek(now: Date): string {
  const [y, m, d] = todayIn(now).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day); // the Thursday of this week decides its year
  const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((date.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const frDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : 'jamais');
const depName = (code: string) => `${getDepartement(code)?.name ?? code} (${code})`;

type Link = (path: string) => string;

function staleLines(list: ActorSummaryRecord[], link: Link, max = 60): string[] {
  const lines = list
    .slice(0, max)
    .map((a) => `- ${a.name} — dernière vérification : ${frDate(a.lastVerifiedAt)} — ${link(`/admin/acteurs/${a.id}`)}`);
  if (list.length > max) lines.push(`- … et ${list.length - max} autres (liste complète : ${link('/admin/acteurs?stale=true')})`);
  return lines;
}

function relaisDigest(user: UserRecord, stale: ActorSummaryRecord[], pending: number, gaps: string[], link: Link): string {
  const deps = user.departements.map(depName).join(', ');
  return [
    'Bonjour,',
    '',
    `Voici le point hebdomadaire de l’annuaire PARÉ pour ${user.departements.length > 1 ? 'vos départements' : 'votre département'} : ${deps}.`,
    '',
    `${stale.length} fiche${stale.length > 1 ? 's' : ''} à revérifier (non vérifiée${stale.length > 1 ? 's' : ''} depuis plus de 12 mois) :`,
    ...staleLines(stale, link),
    '',
    pending > 0
      ? `${pending} proposition${pending > 1 ? 's' : ''} en attente de décision : ${link('/admin/propositions')}`
      : 'Aucune proposition en attente.',
    ...(gaps.length > 0 ? ['', `Aucun acteur référencé pour l’instant en : ${gaps.join(', ')}.`] : []),
    '',
    'Pour confirmer une fiche inchangée, ouvrez-la et choisissez « Marquer comme vérifiée ».',
    '',
    'L’équipe PARÉ',
  ].join('\n');
}

function nationalDigest(f: Freshness, staleNational: ActorSummaryRecord[], link: Link): string {
  const worst = f.departements.filter((d) => d.stale > 0).sort((a, b) => b.stale - a.stale || a.code.localeCompare(b.code));
  return [
    'Bonjour,',
    '',
    'Voici le point hebdomadaire national de l’annuaire PARÉ.',
    '',
    `Fiches publiées : ${f.total.actors}, dont ${f.total.stale} à revérifier (non vérifiées depuis plus de 12 mois).`,
    `Acteurs nationaux à revérifier : ${f.national.stale} sur ${f.national.actors}.`,
    ...staleLines(staleNational, link, 20),
    '',
    worst.length > 0 ? 'Fiches à revérifier par département :' : 'Aucune fiche locale à revérifier.',
    ...worst.map((d) => `- ${d.name} (${d.code}) : ${d.stale} sur ${d.actors}`),
    '',
    `Départements sans aucun acteur : ${f.gaps.length}${f.gaps.length > 0 ? ` — ${f.gaps.map((g) => `${g.name} (${g.code})`).join(', ')}` : ''}.`,
    '',
    `Propositions en attente de décision : ${f.pending_submissions} — ${link('/admin/propositions')}`,
    '',
    'L’équipe PARÉ',
  ].join('\n');
}

/**
 * Queues this week's digest: to each active relais, the stale entries of their départements
 * (nothing when none); to each curator and administrator, the national summary. Runs at most
 * once a week per recipient (the week is in the mail's reference), so it can be called often.
 */
export function queueFreshnessDigest(deps: DigestDeps, now = new Date()): { week: string; queued: number } {
  const link: Link = (path) => (deps.publicUrl ? `${deps.publicUrl.replace(/\/+$/, '')}${path}` : path);
  const week = isoWeek(now);
  const ref = `${DIGEST_MAIL_KIND}:${week}`;
  const queries = reposOf(deps).curation;
  const outbox = reposOf(deps).outbox;
  const before = staleBefore(now);
  const stale = published(deps.db).filter((a) => isStale(a.lastVerifiedAt, before));
  const users = reposOf(deps)
    .users.listUsers()
    .filter((u) => u.active);
  const submissions = reposOf(deps).submissions;
  let queued = 0;
  deps.db.transaction(() => {
    for (const user of users) {
      if (queries.mailQueued(ref, user.email)) continue;
      let body: string | null = null;
      let subject = '';
      if (user.role === 'relais') {
        const mine = stale.filter((a) => mayHandle(user, reach(a)));
        if (mine.length === 0) continue;
        const f = computeFreshness(deps, user, now);
        const pending = submissions.countSubmissions({ status: 'nouvelle', departements: user.departements });
        body = relaisDigest(
          user,
          mine,
          pending,
          f.gaps.map((g) => `${g.name} (${g.code})`),
          link,
        );
        subject = `PARÉ : ${mine.length} fiche${mine.length > 1 ? 's' : ''} à revérifier dans vos départements`;
      } else if (seesAll(user)) {
        const f = computeFreshness(deps, user, now);
        body = nationalDigest(
          f,
          stale.filter((a) => a.scope === 'national'),
          link,
        );
        subject = `PARÉ : point hebdomadaire — ${f.total.stale} fiche${f.total.stale > 1 ? 's' : ''} à revérifier`;
      }
      if (body === null) continue;
      outbox.enqueueMail({ kind: DIGEST_MAIL_KIND, recipient: user.email, subject, body, subjectRef: ref });
      queued++;
    }
  })();
  deps.log?.info('freshness digest', { week, queued });
  return { week, queued };
}

/**
 * The weekly check, started with the server: every few hours, queues this week's digest if it
 * is not queued yet (from Monday 8:00, French time). The timer does not keep the process alive.
 */
export function startFreshnessSchedule(deps: DigestDeps, opts: { everyMs?: number } = {}): () => void {
  const check = () => {
    const now = new Date();
    const hour = Number(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(now));
    const monday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short' }).format(now) === 'Mon';
    if (monday && hour < 8) return;
    try {
      queueFreshnessDigest(deps, now);
    } catch (err) {
      deps.log?.error('freshness digest failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  const first = setTimeout(check, 10_000);
  const timer = setInterval(check, opts.everyMs ?? 3 * 60 * 60 * 1000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
