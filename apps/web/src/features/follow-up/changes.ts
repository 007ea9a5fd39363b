/**
 * The corrections form of an update link: a draft made from the public entry, and the proposal
 * made from the draft with ONLY what changed (the API refuses an empty proposal, and a curator
 * reviews a short diff better than a whole entry).
 */
import type { ActorChanges, ContactKind, PublicActor } from '@pare/schema';

/** A row's identity in the form (React key), so that removing a row keeps the others' state. */
let lastUid = 0;
const uid = () => ++lastUid;

export type DraftContact = {
  uid: number;
  kind: ContactKind;
  value: string;
  label: string;
  professionalOnly: boolean;
  /** Kept as they are (the form does not show a line's hours). */
  openingHours: string | null;
};
export type DraftSite = {
  uid: number;
  label: string;
  address: string;
  postcode: string;
  communeCode: string;
  communeName: string;
  /** Text typed in the commune box (the chosen commune, or what is being typed). */
  communeText: string;
  confidential: boolean;
  /** Kept as they are, so that a proposal does not erase what the form does not show. */
  openingHours: string | null;
  accessibility: string | null;
  temporaryClosures: PublicActor['sites'][number]['temporary_closures'];
  /** The public coordinates of a site placed at its address: kept while the address is unchanged. */
  position: { lat: number; lng: number } | null;
  /** Its index in the entry, or null for a site added in the form. */
  origin: number | null;
};
export type Draft = { name: string; description: string; contacts: DraftContact[]; sites: DraftSite[]; message: string };

type ContactOut = NonNullable<ActorChanges['contacts']>[number];
type SiteOut = NonNullable<ActorChanges['sites']>[number];

export function draftFromActor(actor: PublicActor): Draft {
  return {
    name: actor.name,
    description: actor.description,
    contacts: actor.contacts.map((c) => ({
      uid: uid(),
      kind: c.kind,
      value: c.value,
      label: c.label ?? '',
      professionalOnly: c.professional_only,
      openingHours: c.opening_hours,
    })),
    sites: actor.sites.map((s, i) => ({
      uid: uid(),
      label: s.label ?? '',
      address: s.address ?? '',
      postcode: s.postcode ?? '',
      communeCode: s.commune?.code ?? '',
      communeName: s.commune?.name ?? '',
      communeText: s.commune ? `${s.commune.name}${s.departement ? ` (${s.departement.code})` : ''}` : '',
      confidential: s.confidential,
      openingHours: s.opening_hours,
      accessibility: s.accessibility,
      temporaryClosures: s.temporary_closures,
      position: s.precision === 'address' && !s.confidential ? { lat: s.lat, lng: s.lng } : null,
      origin: i,
    })),
    message: '',
  };
}

export const emptyContact = (): DraftContact => ({
  uid: uid(),
  kind: 'phone',
  value: '',
  label: '',
  professionalOnly: false,
  openingHours: null,
});
export const emptySite = (): DraftSite => ({
  uid: uid(),
  label: '',
  address: '',
  postcode: '',
  communeCode: '',
  communeName: '',
  communeText: '',
  confidential: false,
  openingHours: null,
  accessibility: null,
  temporaryClosures: [],
  position: null,
  origin: null,
});

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

function contactOut(c: DraftContact): ContactOut {
  return {
    kind: c.kind,
    value: c.value.trim(),
    label: orNull(c.label),
    visibility: c.professionalOnly ? 'professionnels' : 'public',
    ...(c.openingHours ? { opening_hours: c.openingHours } : {}),
  };
}

/** Where a site is: what the person may change. */
const placeOf = (s: DraftSite) => [orNull(s.label), orNull(s.address), orNull(s.postcode), orNull(s.communeCode)];

function siteOut(s: DraftSite, before: DraftSite | undefined): SiteOut {
  const out: SiteOut = {
    label: orNull(s.label),
    address: orNull(s.address),
    postcode: orNull(s.postcode),
    commune_code: orNull(s.communeCode),
    confidential: s.confidential,
    opening_hours: s.openingHours,
    accessibility: s.accessibility,
    ...(s.temporaryClosures.length > 0 ? { temporary_closures: s.temporaryClosures } : {}),
  };
  // Same place as before: keep its coordinates; a moved site is placed again by the team.
  if (s.position && before && JSON.stringify(placeOf(before)) === JSON.stringify(placeOf(s))) {
    out.lat = s.position.lat;
    out.lng = s.position.lng;
  }
  return out;
}

/** The proposal: only the fields that differ from the entry. Lists are sent whole (the API replaces them). */
export function changesFrom(initial: Draft, draft: Draft): ActorChanges {
  const changes: ActorChanges = {};
  if (draft.name.trim() !== initial.name.trim()) changes.name = draft.name.trim();
  if (draft.description.trim() !== initial.description.trim()) changes.description = draft.description.trim();
  const contacts = draft.contacts.map(contactOut);
  if (JSON.stringify(contacts) !== JSON.stringify(initial.contacts.map(contactOut))) changes.contacts = contacts;
  const sitesBefore = JSON.stringify(initial.sites.map(placeOf));
  if (JSON.stringify(draft.sites.map(placeOf)) !== sitesBefore || draft.sites.length !== initial.sites.length) {
    changes.sites = draft.sites.map((s) => siteOut(s, s.origin === null ? undefined : initial.sites[s.origin]));
  }
  return changes;
}

/** `changes.contacts.0.value` (or `contacts.0.value`) → `contacts.0.value`: the form's own paths. */
export function formPath(apiPath: string): string {
  return apiPath.replace(/^changes\./, '');
}
