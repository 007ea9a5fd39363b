/**
 * What one imported row says about an actor (an ActorPatch), and how it is laid over the current
 * entry. A format carries only part of an entry — the CSV has no confidential site, no
 * professionals-only contact, one site; data·inclusion has no type — so what the file does not
 * carry is kept from the entry as it is, and a re-imported export changes nothing.
 */
import { actorToInput, recordAsStored, resolveActorGeography } from '@pare/db';
import type { ContactKind, CreateActorInput } from '@pare/schema';
import type { RowIssue } from './values.ts';

export type SitePatch = {
  address: string | null;
  postcode: string | null;
  commune_code: string | null;
  lat: number | null;
  lng: number | null;
};

type PatchableField =
  | 'name'
  | 'type'
  | 'description'
  | 'publics'
  | 'actions'
  | 'territory'
  | 'languages'
  | 'accepts_contact_requests'
  | 'referent_email'
  | 'siret';

export type ActorPatch = {
  /** Fields the row gives (present keys replace the entry's; absent keys keep it). Validated later by the schema. */
  fields: Partial<Record<PatchableField, unknown>>;
  provenance: Partial<Record<'source_url' | 'last_verified_at' | 'verified_by', string | null>>;
  /**
   * The main public site (the first one that is not confidential): undefined when the row says
   * nothing of it, null when it says there is none.
   */
  mainSite?: SitePatch | null;
  /** The main public site's hours (undefined: the row says nothing of them); a note keeps free text that did not parse. */
  mainSiteHours?: { opening_hours: string | null; note: string | null };
  /** data·inclusion: the commune of a site known only by its commune, kept confidential when created. */
  confidentialCommune?: string | null;
  /** Public contacts by kind: the whole list (CSV), or only the first one (data·inclusion). */
  contacts: Partial<Record<ContactKind, { values: string[]; firstOnly: boolean }>>;
  /** Cells that could not be read (an unknown code, a bad number): the row is rejected with them. */
  issues: RowIssue[];
  /** Said to the curator without rejecting the row. */
  warnings: string[];
};

export const emptyPatch = (): ActorPatch => ({ fields: {}, provenance: {}, contacts: {}, issues: [], warnings: [] });

/** The identity of a row, read before anything else to find the entry it describes. */
export type RowIdentity = {
  slug: string | null;
  /** Our actor id, when the file came from our export (CSV `id`, data·inclusion `pare--<id>`). */
  externalId: number | null;
  /** The slug in the row's link to its public page (CSV `url`, data·inclusion `lien_source`): the slug at export time. */
  exportedSlug: string | null;
  siret: string | null;
  name: string | null;
  /** The INSEE code of the commune the row is in (its site, else its first commune). */
  commune: string | null;
};

type RawSite = Record<string, unknown> & { confidential?: boolean };
type RawContact = Record<string, unknown> & { kind: ContactKind; visibility?: string; site?: number | null };
type RawInput = Record<string, unknown> & { sites: RawSite[]; contacts: RawContact[]; provenance: Record<string, unknown> };

/** Index of the main public site in a list of sites, or -1. */
export const mainSiteIndex = (sites: readonly { confidential?: boolean | null }[]) => sites.findIndex((s) => s.confidential !== true);

/**
 * The input form after the row: `base` is the current entry's input form (null for a new entry).
 * The result is not validated yet: the schema does it, and names each bad field.
 */
export function applyPatch(base: CreateActorInput | null, patch: ActorPatch): RawInput {
  const out = (base ? structuredClone(base) : { sites: [], contacts: [], provenance: {} }) as unknown as RawInput;
  for (const [key, value] of Object.entries(patch.fields)) if (value !== undefined) out[key] = value;
  for (const [key, value] of Object.entries(patch.provenance)) if (value !== undefined) out.provenance[key] = value;

  // Sites: only the main public site is the row's; confidential and further sites are kept.
  let sites = out.sites;
  const contacts = out.contacts;
  if (patch.mainSite !== undefined) {
    const i = mainSiteIndex(sites);
    if (patch.mainSite && i >= 0) sites[i] = { ...sites[i], ...patch.mainSite };
    else if (patch.mainSite) {
      sites.push({ label: null, ...patch.mainSite, confidential: false, opening_hours: null, accessibility: null });
    } else if (i >= 0) {
      sites = sites.filter((_, j) => j !== i);
      for (const c of contacts) {
        if (c.site === i) c.site = null;
        else if (typeof c.site === 'number' && c.site > i) c.site--;
      }
    }
  }
  if (patch.mainSiteHours) {
    const i = mainSiteIndex(sites);
    const site = sites[i];
    if (site) {
      const { opening_hours, note } = patch.mainSiteHours;
      site.opening_hours = opening_hours;
      const notes = typeof site.accessibility === 'string' ? site.accessibility : '';
      if (note && !notes.includes(note)) site.accessibility = [notes, note].filter(Boolean).join('\n').slice(0, 500);
    }
  }
  if (patch.confidentialCommune && mainSiteIndex(sites) < 0 && !sites.some((s) => s.confidential === true)) {
    sites.push({ commune_code: patch.confidentialCommune, confidential: true });
  }
  out.sites = sites;

  // Public contacts of each kind the row gives: replaced in place (keeping their label and
  // site), removed or added at the end. Professionals-only contacts and those of a
  // confidential site are not in any export: kept as they are.
  const isCarried = (c: RawContact, kind: ContactKind) =>
    c.kind === kind && (c.visibility ?? 'public') === 'public' && !(typeof c.site === 'number' && sites[c.site]?.confidential === true);
  let next = contacts;
  for (const [kind, given] of Object.entries(patch.contacts) as [ContactKind, { values: string[]; firstOnly: boolean }][]) {
    const carried = next.filter((c) => isCarried(c, kind));
    const values = given.firstOnly
      ? given.values.length > 0
        ? [given.values[0] as string, ...carried.slice(1).map((c) => String(c.value))]
        : []
      : given.values;
    let j = 0;
    next = next.flatMap((c) => {
      if (!isCarried(c, kind)) return [c];
      const value = values[j++];
      return value === undefined ? [] : [{ ...c, value }];
    });
    for (; j < values.length; j++) next.push({ kind, value: values[j], label: null, visibility: 'public', site: null });
  }
  out.contacts = next;
  return out;
}

/**
 * The input form the database would give back after saving `input` (what `actorToInput` returns
 * for the stored entry): `recordAsStored` in @pare/db. Two such forms are equal exactly when
 * saving would change nothing. `geography`: the input's, when already resolved.
 */
export function storedForm(
  input: CreateActorInput,
  slug: string,
  geography: ReturnType<typeof resolveActorGeography> = resolveActorGeography(input),
): CreateActorInput {
  return actorToInput(recordAsStored(input, slug, geography));
}

/** The names a format gives to the fields of the input form, to name a bad field as the file does. */
export type FieldNames = {
  fields: Partial<Record<string, string>>;
  site: Partial<Record<'address' | 'postcode' | 'commune_code' | 'lat' | 'lng' | 'opening_hours', string>>;
  contacts: Partial<Record<ContactKind, string>>;
};

/**
 * The file's name for an input path (`sites.0.postcode` → `code_postal`): the main site's fields
 * and the public contacts have columns; other sites and contacts (kept from the entry) keep their path.
 */
export function fieldOfPath(path: string, input: RawInput | null, names: FieldNames): string {
  const [head, index, leaf] = path.split('.');
  if (head === 'sites' && index !== undefined && input) {
    const i = Number(index);
    if (i === mainSiteIndex(input.sites)) {
      const name = names.site[(leaf ?? 'commune_code') as keyof FieldNames['site']];
      if (name) return name;
    }
    return path;
  }
  if (head === 'contacts' && index !== undefined && input) {
    const contact = input.contacts[Number(index)];
    const name = contact ? names.contacts[contact.kind] : undefined;
    if (name && contact?.visibility !== 'professionnels') return name;
    return path;
  }
  if (head === 'territory') {
    return names.fields[`territory.${index ?? 'scope'}`] ?? names.fields.territory ?? path;
  }
  if (head === 'provenance') return names.fields[`provenance.${index}`] ?? path;
  return (head !== undefined ? names.fields[head] : undefined) ?? path;
}
