import type { PublicActor } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import { changesFrom, draftFromActor, emptyContact, formPath } from './changes.ts';

/** TEST DATA: a fictitious entry as the public view gives it. */
const actor = {
  id: 1,
  slug: 'test',
  name: 'Structure test',
  type: 'association',
  description: 'Texte.',
  publics: ['jeunes'],
  actions: ['ecoute'],
  territory: { scope: 'national', regions: [], departements: [], communes: [] },
  languages: ['fr'],
  accepts_contact_requests: false,
  sites: [
    {
      id: 9,
      confidential: false,
      label: 'Local',
      address: '2 place de Test',
      postcode: '57100',
      commune: { code: '57672', name: 'Thionville' },
      departement: { code: '57', name: 'Moselle' },
      lat: 49.35,
      lng: 6.16,
      precision: 'address',
      opening_hours: 'Mo 09:00-12:00',
      temporary_closures: [{ starts_on: '2026-12-20', ends_on: '2027-01-02', message: 'Fermé pour les fêtes', closed: true }],
      accessibility: null,
    },
  ],
  contacts: [{ kind: 'phone', value: '03 00 00 00 00', label: null, professional_only: false, opening_hours: 'Mo-Fr 09:00-17:00' }],
  provenance: { source_url: null, last_verified_at: null, verified_by: null },
  updated_at: '2026-01-01',
} as PublicActor;

describe('a correction proposal', () => {
  it('is empty when nothing was touched', () => {
    const d = draftFromActor(actor);
    expect(changesFrom(d, structuredClone(d))).toEqual({});
  });

  it('holds only the changed fields, lists whole, keeping what the form does not show', () => {
    const initial = draftFromActor(actor);
    const draft = structuredClone(initial);
    draft.contacts.push({ ...emptyContact(), kind: 'email', value: 'accueil@example.test' });
    const changes = changesFrom(initial, draft);
    expect(Object.keys(changes)).toEqual(['contacts']);
    expect(changes.contacts).toHaveLength(2);
    // The line's hours, which the form does not show, are kept.
    expect(changes.contacts?.[0]).toMatchObject({ value: '03 00 00 00 00', opening_hours: 'Mo-Fr 09:00-17:00' });

    draft.sites[0]!.address = '4 place de Test';
    const moved = changesFrom(initial, draft);
    expect(moved.sites?.[0]).toMatchObject({
      address: '4 place de Test',
      commune_code: '57672',
      opening_hours: 'Mo 09:00-12:00',
      temporary_closures: [{ starts_on: '2026-12-20', ends_on: '2027-01-02', message: 'Fermé pour les fêtes', closed: true }],
    });
    // A moved site loses its old coordinates: the team places it again.
    expect(moved.sites?.[0]?.lat).toBeUndefined();
  });

  it('reads the API paths of the proposal as the form’s', () => {
    expect(formPath('changes.contacts.0.value')).toBe('contacts.0.value');
    expect(formPath('message')).toBe('message');
  });
});
