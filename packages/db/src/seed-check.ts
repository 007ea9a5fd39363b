import { basename, dirname } from 'node:path';
import { departementOfCommuneCode, getCommune, getDepartement, getRegion } from '@pare/geo';
import { type CreateActorInput, CreateActorInputSchema } from '@pare/schema';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import type { SeedEntry } from './seed.ts';

/**
 * The national short numbers a French phone dials as they are, which libphonenumber's main
 * metadata does not validate (it knows only full numbers): emergency numbers (15, 17, 18, 112,
 * 114 by SMS, 115, 119, 191, 196, 197), the harmonised European 116 numbers, and the four-digit
 * « 3xxx » social and public-service numbers (3018, 3919, 3114, 3977…). Any other value must be
 * a valid French number, overseas included.
 */
const SHORT_NUMBER = /^(?:1[5-9]|11[2-9]|19[1-7]|116 ?\d{3}|3\d{3})$/;

const FRENCH_REGIONS = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF'] as const;

export function isValidFrenchPhone(value: string): boolean {
  const compact = value.replace(/[\s.-]/g, '');
  if (SHORT_NUMBER.test(value.trim()) || SHORT_NUMBER.test(compact)) return true;
  return FRENCH_REGIONS.some((region) => isValidPhoneNumber(value, region));
}

/** An address as the open-data formats require it (RFC 3986): accents and spaces percent-encoded. */
const isAsciiUri = (value: string) => /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/.test(value);

export type SeedProblem = { file: string; slug: string; message: string };

/** A seed file's territory: `57.yaml` → département 57, `regions/44.yaml` → région 44. */
export function seedFileTerritory(file: string): { kind: 'national' | 'region' | 'departement' | 'other'; code: string } {
  const code = basename(file, '.yaml');
  if (code === 'national') return { kind: 'national', code };
  if (basename(dirname(file)) === 'regions' && getRegion(code)) return { kind: 'region', code };
  if (getDepartement(code)) return { kind: 'departement', code };
  return { kind: 'other', code };
}

/**
 * Everything a reviewer of the seed must be able to rely on, checked entry by entry: the schema,
 * a source page in https, a verification date that is not in the future, French phone numbers
 * that a phone can dial, sites in the département or région of their file, unique slugs.
 */
export function checkSeedEntries(entries: SeedEntry[], today = new Date().toISOString().slice(0, 10)): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const slugs = new Map<string, string>();
  entries.forEach(({ file, raw }, i) => {
    const slug = (raw as { slug?: string } | null)?.slug ?? `#${i}`;
    const report = (message: string) => problems.push({ file, slug, message });
    const parsed = CreateActorInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report(`${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    const actor: CreateActorInput = parsed.data;
    if (!actor.slug) report('slug manquant');
    else if (slugs.has(actor.slug)) report(`slug déjà utilisé dans ${slugs.get(actor.slug)}`);
    else slugs.set(actor.slug, file);

    const { source_url, last_verified_at } = actor.provenance;
    if (!source_url?.startsWith('https://')) report(`provenance.source_url doit être une page https (${source_url ?? 'absente'})`);
    if (!last_verified_at) report('provenance.last_verified_at manquante');
    else if (last_verified_at > today) report(`provenance.last_verified_at dans le futur (${last_verified_at})`);

    actor.contacts.forEach((c, j) => {
      if ((c.kind === 'phone' || c.kind === 'sms') && !isValidFrenchPhone(c.value)) {
        report(`contacts.${j}: « ${c.value} » n'est pas un numéro français valide`);
      }
      if ((c.kind === 'website' || c.kind === 'chat') && !isAsciiUri(c.value))
        report(`contacts.${j}: adresse à écrire encodée (%C3%A9…) : ${c.value}`);
    });
    if (source_url && !isAsciiUri(source_url)) report(`provenance.source_url à écrire encodée (%C3%A9…) : ${source_url}`);

    const territory = seedFileTerritory(file);
    actor.sites.forEach((site, j) => {
      const code = site.commune_code;
      if (code && !getCommune(code)) report(`sites.${j}: commune ${code} inconnue du Code officiel géographique`);
      if (!code) return;
      const dep = departementOfCommuneCode(code);
      if (territory.kind === 'departement' && dep !== territory.code) {
        report(`sites.${j}: commune ${code} hors du département ${territory.code}`);
      }
      if (territory.kind === 'region' && getDepartement(dep)?.region !== territory.code) {
        report(`sites.${j}: commune ${code} hors de la région ${territory.code}`);
      }
    });
    if (territory.kind === 'national' && actor.territory.scope !== 'national')
      report('national.yaml ne contient que des acteurs nationaux');
    if (territory.kind === 'departement' && actor.territory.scope === 'national') report('un acteur national va dans national.yaml');
  });
  return problems;
}
