/**
 * The edit form's state: the actor's input form (`CreateActorInput`) with the text a person is
 * typing (empty strings for empty fields; territories as the code lists the pickers fill), and back. The shared zod
 * schema validates `toInput(draft)`, so the client and the API give the same errors.
 */
import type { AdminActor, ContactKind, ContactVisibility, CreateActorInput, CreateActorInputRaw, TerritoryScope } from '@pare/schema';
import { type ClosureDraft, closuresInput } from '../hours/closures.ts';

export type SiteDraft = {
  label: string;
  address: string;
  postcode: string;
  commune_code: string;
  /** A point placed by hand (precision « address »); null: the commune's centre. */
  lat: number | null;
  lng: number | null;
  confidential: boolean;
  opening_hours: string;
  accessibility: string;
  /** Closures and changes, dates as typed (AAAA-MM-JJ; an empty end: until further notice). */
  temporary_closures: ClosureDraft[];
  /** The text typed in the place box. */
  place: string;
  /** The commune's centre, to show the pin before it is moved. */
  center: { lat: number; lng: number } | null;
};

export type { ClosureDraft };

export type ContactDraft = {
  kind: ContactKind;
  value: string;
  label: string;
  visibility: ContactVisibility;
  site: string;
  /** The line's own hours (OSM syntax). */
  opening_hours: string;
};

/** The input's own fields where the form holds them as they are (`name` … `actions`); the others as typed. */
export type ActorDraft = Pick<CreateActorInput, 'name' | 'type' | 'description' | 'publics' | 'actions'> & {
  slug: string;
  scope: TerritoryScope;
  /** INSEE codes, chosen by name in the territory pickers. */
  regions: string[];
  departements: string[];
  communes: string[];
  languages: string;
  accepts: boolean;
  referent_email: string;
  siret: string;
  sites: SiteDraft[];
  contacts: ContactDraft[];
  source_url: string;
  last_verified_at: string;
  verified_by: string;
};

export const emptySite = (): SiteDraft => ({
  label: '',
  address: '',
  postcode: '',
  commune_code: '',
  lat: null,
  lng: null,
  confidential: false,
  opening_hours: '',
  accessibility: '',
  temporary_closures: [],
  place: '',
  center: null,
});

export const emptyContact = (): ContactDraft => ({
  kind: 'phone',
  value: '',
  label: '',
  visibility: 'public',
  site: '',
  opening_hours: '',
});

export function emptyDraft(): ActorDraft {
  return {
    slug: '',
    name: '',
    type: 'association',
    description: '',
    publics: [],
    actions: [],
    scope: 'departements',
    regions: [],
    departements: [],
    communes: [],
    languages: 'fr',
    accepts: false,
    referent_email: '',
    siret: '',
    sites: [],
    contacts: [],
    source_url: '',
    last_verified_at: '',
    verified_by: '',
  };
}

const text = (v: string | null | undefined) => v ?? '';

export function draftFromActor(actor: AdminActor): ActorDraft {
  const input = actor.input;
  return {
    slug: input.slug ?? '',
    name: input.name,
    type: input.type,
    description: input.description,
    publics: [...input.publics],
    actions: [...input.actions],
    scope: input.territory.scope,
    regions: [...input.territory.regions],
    departements: [...input.territory.departements],
    communes: [...input.territory.communes],
    languages: input.languages.join(', '),
    accepts: input.accepts_contact_requests,
    referent_email: text(input.referent_email),
    siret: text(input.siret),
    sites: input.sites.map((s, i) => siteDraftFrom(s, actor.sites_geo[i])),
    contacts: input.contacts.map(contactDraftFrom),
    source_url: text(input.provenance.source_url),
    last_verified_at: text(input.provenance.last_verified_at),
    verified_by: text(input.provenance.verified_by),
  };
}

/** A site of the input form (or of a submission, fields possibly missing) as the form edits it. */
export function siteDraftFrom(s: Partial<Record<keyof SiteDraft, unknown>>, geo?: { lat: number; lng: number } | null): SiteDraft {
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    label: str(s.label),
    address: str(s.address),
    postcode: str(s.postcode),
    commune_code: str(s.commune_code),
    lat: num(s.lat),
    lng: num(s.lng),
    confidential: s.confidential === true,
    opening_hours: str(s.opening_hours),
    accessibility: str(s.accessibility),
    temporary_closures: (Array.isArray(s.temporary_closures) ? s.temporary_closures : []).map((c: Record<string, unknown>) => ({
      starts_on: str(c.starts_on),
      ends_on: str(c.ends_on),
      message: str(c.message),
      closed: c.closed !== false,
    })),
    place: '',
    center: geo ? { lat: geo.lat, lng: geo.lng } : null,
  };
}

export function contactDraftFrom(c: Partial<Record<keyof ContactDraft, unknown>>): ContactDraft {
  return {
    kind: (typeof c.kind === 'string' ? c.kind : 'phone') as ContactKind,
    value: typeof c.value === 'string' ? c.value : '',
    label: typeof c.label === 'string' ? c.label : '',
    visibility: (typeof c.visibility === 'string' ? c.visibility : 'public') as ContactVisibility,
    site: typeof c.site === 'number' ? String(c.site) : '',
    opening_hours: typeof c.opening_hours === 'string' ? c.opening_hours : '',
  };
}

export function siteFromDraft(s: SiteDraft) {
  return {
    label: orNull(s.label),
    address: orNull(s.address),
    postcode: orNull(s.postcode),
    commune_code: orNull(s.commune_code),
    lat: s.lat,
    lng: s.lng,
    confidential: s.confidential,
    opening_hours: orNull(s.opening_hours),
    accessibility: orNull(s.accessibility),
    ...(s.temporary_closures.length > 0 ? { temporary_closures: closuresInput(s.temporary_closures) } : {}),
  };
}

export function contactFromDraft(c: ContactDraft) {
  return {
    kind: c.kind,
    value: c.value,
    label: orNull(c.label),
    visibility: c.visibility,
    site: c.site === '' ? null : Number(c.site),
    opening_hours: orNull(c.opening_hours),
  };
}

const list = (v: string) =>
  v
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** The input form the API takes (validated by `CreateActorInputSchema`). */
export function draftToInput(d: ActorDraft): CreateActorInputRaw {
  const national = d.scope === 'national';
  return {
    ...(d.slug.trim() ? { slug: d.slug.trim() } : {}),
    name: d.name,
    type: d.type,
    description: d.description,
    publics: d.publics,
    actions: d.actions,
    territory: {
      scope: d.scope,
      regions: national ? [] : d.regions,
      departements: national ? [] : d.departements.map((x) => x.toUpperCase()),
      communes: national ? [] : d.communes.map((x) => x.toUpperCase()),
    },
    languages: list(d.languages).map((x) => x.toLowerCase()),
    accepts_contact_requests: d.accepts,
    referent_email: orNull(d.referent_email),
    siret: orNull(d.siret.replace(/\s/g, '')),
    sites: d.sites.map(siteFromDraft),
    contacts: d.contacts.map(contactFromDraft),
    provenance: { source_url: orNull(d.source_url), last_verified_at: orNull(d.last_verified_at), verified_by: orNull(d.verified_by) },
  };
}

export type { CreateActorInput };
