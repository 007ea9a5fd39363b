import { getDepartement, listDepartements } from '@pare/geo';
import type { CreateActorInputRaw } from '@pare/schema';
import type { SeedEntry } from './seed.ts';
import { seedFileTerritory } from './seed-check.ts';

export type SeedReportRow = {
  departement: string;
  name: string;
  entries: number;
  types: Record<string, number>;
  actions: Record<string, number>;
  /** `direct`: the CRIP publishes a phone, an e-mail or a form; `page`: only its page; `none`: no CRIP. */
  crip: 'direct' | 'page' | 'none';
};

export type SeedReport = {
  rows: SeedReportRow[];
  totals: {
    entries: number;
    national: number;
    regional: number;
    departemental: number;
    crips: number;
    cripsWithDirectContact: number;
    cripsWithoutDirectContact: string[];
    departementsWithoutCrip: string[];
    beyondCrips: number;
    types: Record<string, number>;
  };
};

const count = (into: Record<string, number>, keys: readonly string[]) => {
  for (const k of keys) into[k] = (into[k] ?? 0) + 1;
};
const sorted = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/** A direct contact is one a person can use at once: a phone, an e-mail, or a form (a page called so). */
function hasDirectContact(actor: CreateActorInputRaw): boolean {
  return (actor.contacts ?? []).some(
    (c) => c.kind === 'phone' || c.kind === 'email' || (c.kind === 'website' && /formulaire/i.test(c.label ?? '')),
  );
}

/** What the seed holds per département: entries filed under it, their types and actions, its CRIP. */
export function seedReport(entries: SeedEntry[]): SeedReport {
  const actors = entries.map((e) => ({ file: e.file, actor: e.raw as CreateActorInputRaw }));
  const types: Record<string, number> = {};
  for (const { actor } of actors) count(types, [actor.type]);
  const rows = listDepartements().map((d): SeedReportRow => {
    const here = actors.filter(({ file }) => {
      const t = seedFileTerritory(file);
      return t.kind === 'departement' && t.code === d.code;
    });
    const row: SeedReportRow = { departement: d.code, name: d.name, entries: here.length, types: {}, actions: {}, crip: 'none' };
    for (const { actor } of here) {
      count(row.types, [actor.type]);
      count(row.actions, actor.actions);
    }
    const crip = here.find(({ actor }) => actor.slug === `crip-${d.code.toLowerCase()}`)?.actor;
    if (crip) row.crip = hasDirectContact(crip) ? 'direct' : 'page';
    return row;
  });
  const kinds = actors.map(({ file }) => seedFileTerritory(file).kind);
  const crips = rows.filter((r) => r.crip !== 'none');
  return {
    rows,
    totals: {
      entries: actors.length,
      national: kinds.filter((k) => k === 'national').length,
      regional: kinds.filter((k) => k === 'region').length,
      departemental: kinds.filter((k) => k === 'departement').length,
      crips: crips.length,
      cripsWithDirectContact: crips.filter((r) => r.crip === 'direct').length,
      cripsWithoutDirectContact: crips.filter((r) => r.crip === 'page').map((r) => r.departement),
      departementsWithoutCrip: rows.filter((r) => r.crip === 'none').map((r) => r.departement),
      beyondCrips: actors.length - crips.length,
      types,
    },
  };
}

/** The report as the terminal prints it: one line per département, then the totals. */
export function formatSeedReport(report: SeedReport): string {
  const crip = { direct: 'CRIP : contact direct', page: 'CRIP : page seulement (119)', none: 'CRIP : ABSENTE' };
  const lines = report.rows.map(
    (r) =>
      `${r.departement.padEnd(3)} ${r.name.padEnd(24)} ${String(r.entries).padStart(3)} entrée(s) · ${crip[r.crip]} · types : ${sorted(r.types) || '—'} · actions : ${sorted(r.actions) || '—'}`,
  );
  const t = report.totals;
  const names = (codes: string[]) => codes.map((c) => `${c} ${getDepartement(c)?.name ?? ''}`.trim()).join(', ') || 'aucun';
  lines.push(
    '',
    `Total : ${t.entries} entrées (${t.national} nationales, ${t.regional} régionales, ${t.departemental} départementales)`,
    `CRIP : ${t.crips} / ${report.rows.length} départements, dont ${t.cripsWithDirectContact} avec un contact direct`,
    `CRIP sans contact direct publié (${t.cripsWithoutDirectContact.length}) : ${names(t.cripsWithoutDirectContact)}`,
    `Départements sans CRIP (${t.departementsWithoutCrip.length}) : ${names(t.departementsWithoutCrip)}`,
    `Entrées hors CRIP : ${t.beyondCrips}`,
    `Par type : ${sorted(t.types)}`,
  );
  return lines.join('\n');
}
