/**
 * Likely duplicates of an actor about to be created: same SIRET, same website, same phone
 * number anywhere, or a very similar name in the same commune or département.
 */
import type { DuplicateCandidate } from '@pare/db';
import { getCommune, getCommunesByPostcode } from '@pare/geo';
import type { CreateActorInput, Duplicate, DuplicateReason, DuplicatesQuery, ErrorIssue } from '@pare/schema';
import { DUPLICATE_REASON_LABELS } from '@pare/schema';
import { distance } from 'fastest-levenshtein';
import type { AppDeps } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';

/** Names this similar (0…1) in the same place are flagged. */
export const NAME_SIMILARITY_THRESHOLD = 0.8;

export type DuplicateProbe = {
  name?: string | undefined;
  communes: string[];
  departements: string[];
  national: boolean;
  siret?: string | null | undefined;
  websites: string[];
  phones: string[];
  /** The entry being edited, never its own duplicate. */
  excludeId?: number | undefined;
};

// Words every other name has: they make different names look alike.
const STOP_WORDS = new Set(['le', 'la', 'les', 'l', 'de', 'du', 'des', 'd', 'et', 'a', 'au', 'aux', 'en', 'pour', 'sur']);

/** Lowercase ASCII words without articles: « L’Association des Familles » → « association familles ». */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP_WORDS.has(w))
    .join(' ');
}

function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Score given when every word of the shorter name (two words at least) is in the longer one. */
const CONTAINED_SCORE = 0.9;

/**
 * Similarity of two names, 0…1: the best of normalised Levenshtein (typos), trigram Dice
 * (words in another order) and word containment (« CRIP de la Moselle » within « CRIP 57 –
 * Cellule … de la Moselle »: a short usual name against the full official one). Computed on
 * the normalised names.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const lev = 1 - distance(x, y) / Math.max(x.length, y.length);
  const tx = trigrams(x);
  const ty = trigrams(y);
  let common = 0;
  let total = 0;
  for (const [g, n] of tx) {
    common += Math.min(n, ty.get(g) ?? 0);
    total += n;
  }
  for (const n of ty.values()) total += n;
  const dice = total === 0 ? 0 : (2 * common) / total;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const shortWords = short.split(' ');
  const longWords = new Set(long.split(' '));
  const contained = shortWords.length >= 2 && shortWords.every((w) => longWords.has(w)) ? CONTAINED_SCORE : 0;
  return Math.max(lev, dice, contained);
}

// Hosts many unrelated organisations share: compare the first path segment too.
const SHARED_HOSTS = new Set([
  'facebook.com',
  'instagram.com',
  'linkedin.com',
  'twitter.com',
  'x.com',
  'sites.google.com',
  'helloasso.com',
  'youtube.com',
  'linktr.ee',
]);

/** `https://www.Example.org/page` → `example.org`; on a shared host, `facebook.com/page`. */
export function websiteKey(url: string): string | null {
  try {
    const u = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    const host = u.hostname
      .toLowerCase()
      .replace(/^www\./, '')
      .replace(/^m\./, '');
    if (!host.includes('.')) return null;
    if (SHARED_HOSTS.has(host)) {
      const first = u.pathname.split('/').filter(Boolean)[0]?.toLowerCase();
      return first ? `${host}/${first}` : null;
    }
    return host;
  } catch {
    return null;
  }
}

/** The digits of a French number, `+33 3 87…` and `03 87…` alike; short numbers (119, 3919) are shared by design and ignored. */
export function phoneKey(phone: string): string | null {
  let digits = phone.replace(/\D/g, '');
  if (digits.startsWith('0033')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('33') && digits.length === 11) digits = `0${digits.slice(2)}`;
  return digits.length >= 8 ? digits : null;
}

/** What to compare from an (even partial) input form. */
export function probeFromInput(input: Partial<CreateActorInput>, excludeId?: number): DuplicateProbe {
  const communes = new Set<string>();
  const departements = new Set<string>();
  for (const s of input.sites ?? []) {
    const found = s.commune_code ? [getCommune(s.commune_code)] : s.postcode ? getCommunesByPostcode(s.postcode) : [];
    for (const c of found) {
      if (!c) continue;
      communes.add(c.code);
      departements.add(c.departement);
    }
  }
  const t = input.territory;
  if (t && t.scope !== 'national') {
    for (const d of t.departements ?? []) departements.add(d);
    for (const code of t.communes ?? []) {
      const c = getCommune(code);
      if (c) {
        communes.add(c.code);
        departements.add(c.departement);
      }
    }
  }
  return {
    name: input.name,
    communes: [...communes],
    departements: [...departements],
    national: t?.scope === 'national',
    siret: input.siret,
    websites: (input.contacts ?? []).filter((c) => c.kind === 'website').map((c) => c.value),
    phones: (input.contacts ?? []).filter((c) => c.kind === 'phone' || c.kind === 'sms').map((c) => c.value),
    excludeId,
  };
}

/** The form's question « does this already exist? », from query parameters. */
export function probeFromQuery(q: DuplicatesQuery): DuplicateProbe {
  const communes = q.commune ? [getCommune(q.commune)] : q.postcode ? getCommunesByPostcode(q.postcode) : [];
  const found = communes.filter((c) => c !== undefined);
  return {
    name: q.name,
    communes: found.map((c) => c.code),
    departements: [...new Set([...found.map((c) => c.departement), ...(q.departement ? [q.departement] : [])])],
    national: false,
    siret: q.siret,
    websites: q.website ? [q.website] : [],
    phones: q.phone ? [q.phone] : [],
    excludeId: q.exclude,
  };
}

function samePlace(p: DuplicateProbe, c: DuplicateCandidate): boolean {
  const placeless = p.communes.length === 0 && p.departements.length === 0 && !p.national;
  if (placeless) return true; // only a name was given: compare everywhere
  if (p.national && c.national) return true;
  if (p.communes.some((x) => c.communes.includes(x))) return true;
  return p.departements.some((x) => c.departements.includes(x));
}

/** Likely duplicates, the most certain first. */
export function findDuplicates(
  deps: Pick<AppDeps, 'actors'>,
  probe: DuplicateProbe,
  /** Who may see a candidate (a relais: the actors of their départements only); everyone when absent. */
  visible?: (candidate: { national: boolean; departements: string[] }) => boolean,
): Duplicate[] {
  const siret = probe.siret?.replace(/\s/g, '') || null;
  const sites = new Set(probe.websites.map(websiteKey).filter((k): k is string => k !== null));
  const phones = new Set(probe.phones.map(phoneKey).filter((k): k is string => k !== null));
  const found: Duplicate[] = [];
  for (const c of deps.actors.listDuplicateCandidates()) {
    if (c.id === probe.excludeId) continue;
    if (visible && !visible(c)) continue;
    const reasons: DuplicateReason[] = [];
    if (siret && c.siret === siret) reasons.push('siret');
    if (c.websites.some((w) => sites.has(websiteKey(w) ?? ''))) reasons.push('website');
    if (c.phones.some((x) => phones.has(phoneKey(x) ?? ''))) reasons.push('phone');
    let similarity: number | null = null;
    if (probe.name && samePlace(probe, c)) {
      const s = nameSimilarity(probe.name, c.name);
      if (s >= NAME_SIMILARITY_THRESHOLD) {
        reasons.push('name');
        similarity = Math.round(s * 100) / 100;
      }
    }
    if (reasons.length > 0) found.push({ id: c.id, slug: c.slug, name: c.name, status: c.status, reasons, similarity });
  }
  return found.sort((a, b) => b.reasons.length - a.reasons.length || (b.similarity ?? 0) - (a.similarity ?? 0)).slice(0, 20);
}

/**
 * Refuses (409, each likely duplicate an issue) a new entry that looks like one this user can
 * see: a curator creating an actor, or accepting a proposal, confirms after checking.
 */
export function refuseLikelyDuplicates(
  deps: Pick<AppDeps, 'actors'>,
  input: Partial<CreateActorInput>,
  visible: (candidate: { national: boolean; departements: string[] }) => boolean,
): void {
  const duplicates = findDuplicates(deps, probeFromInput(input), visible);
  if (duplicates.length === 0) return;
  throw new ApiError(
    'conflict',
    'Des fiches semblables existent déjà : vérifiez qu’il ne s’agit pas du même acteur, puis confirmez.',
    duplicateIssues(duplicates),
  );
}

/** Duplicates as the `issues` of a 409: one line each a curator can read. */
export function duplicateIssues(duplicates: Duplicate[]): ErrorIssue[] {
  return duplicates.map((d) => ({
    path: `duplicates.${d.id}`,
    message: `« ${d.name} » (fiche n° ${d.id}${d.status === 'archived' ? ', archivée' : ''}) : ${d.reasons.map((r) => DUPLICATE_REASON_LABELS[r]).join(', ')}`,
  }));
}
