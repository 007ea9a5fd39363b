/** Shared by the open-data tests. */
import type { CreateActorInput } from '@pare/schema';

/** TEST DATA: a fictitious national actor built to attack whatever opens an export; `overrides` carry the attack. */
export function hostileActor(overrides: Partial<CreateActorInput>): CreateActorInput {
  return {
    name: 'Acteur hostile (données de test)',
    type: 'association',
    description: 'Test.',
    publics: ['jeunes'],
    actions: ['prevention'],
    territory: { scope: 'national', regions: [], departements: [], communes: [] },
    languages: ['fr'],
    accepts_contact_requests: false,
    sites: [],
    contacts: [],
    provenance: { verified_by: 'Jeu de test' },
    ...overrides,
  };
}
