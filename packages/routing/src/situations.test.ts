/**
 * The ranking rules as the README states them, one situation a row: who asks, from where, for
 * what, how urgently — and what must come first. The README's table is this list.
 */
import type { PublicActor } from '@pare/schema';
import { OrientationInputSchema, type OrientationResult, type RouteOrientationInput } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import {
  COMMUNES,
  crip57,
  DIRECTORY,
  line119,
  localActor,
  nationalNumber,
  nationalTraining,
  phone,
  placeOf,
} from './fixtures.test-helpers.ts';
import { routeOrientation } from './route-orientation.ts';

const ALL = ['jeunes', 'familles', 'professionnels'] as PublicActor['publics'];

/** TEST DATA: the 115, a court and a police service near Metz, as the seed now types them. */
const line115 = nationalNumber(500, 'samu-social-115', '115 – Samu social', 'numero-urgence', phone('115'), ['hebergement', 'ecoute']);
const courtMetz = localActor(COMMUNES.metz, {
  id: 501,
  slug: 'cour-test-metz',
  name: 'Cour test Metz',
  type: 'service-etat',
  publics: ['professionnels'],
  actions: ['coordination'],
});
const policeMetz = localActor(COMMUNES.metz, {
  id: 502,
  slug: 'police-test-metz',
  name: 'Police test Metz',
  type: 'forces-ordre',
  publics: ALL,
  actions: ['coordination', 'prevention'],
});
const trainerMetz = localActor(COMMUNES.metz, {
  id: 503,
  slug: 'formation-test-metz',
  name: 'Formation test Metz',
  publics: ['professionnels'],
  actions: ['formation'],
  contacts: [phone('01 99 00 05 03')],
});
const ALL_ACTORS = [...DIRECTORY, line115, courtMetz, policeMetz, trainerMetz];

const route = (input: RouteOrientationInput) => routeOrientation(input, ALL_ACTORS);
const slugs = (r: OrientationResult) => r.recommendations.map((x) => x.actor.slug);
const groups = (r: OrientationResult) => [...new Set(r.recommendations.map((x) => x.group))];

type Situation = { who: string; input: RouteOrientationInput; first: string[]; check?: (r: OrientationResult) => void };

const SITUATIONS: Situation[] = [
  {
    who: 'a girl of 16 in danger tonight, no place given',
    input: { profile: 'jeune', place: undefined, needs: [], urgency: 'danger-immediat' },
    first: ['urgence-17', 'urgence-112', 'allo-enfance-en-danger-119', 'urgence-114'],
    check: (r) => {
      expect(r.notices.map((n) => n.code)).toContain('lieu-inconnu');
      expect(r.recommendations.every((x) => x.actor.territory.scope === 'national')).toBe(true);
    },
  },
  {
    who: 'a young person with nowhere safe to sleep tonight, in Thionville',
    input: { profile: 'jeune', place: placeOf(COMMUNES.thionville), needs: ['hebergement'], urgency: 'inquietude' },
    first: ['samu-social-115', 'allo-enfance-en-danger-119'],
    check: (r) => expect(groups(r)[0]).toBe('abri'),
  },
  {
    who: 'a young person in Marseille asking for shelter, where nobody near shelters but some listen: told what is missing',
    input: { profile: 'jeune', place: placeOf(COMMUNES.marseille), needs: ['hebergement'], urgency: 'inquietude' },
    first: ['samu-social-115', 'allo-enfance-en-danger-119'],
    check: (r) => {
      const codes = r.notices.map((n) => n.code);
      expect(codes).toContain('besoin-sans-acteur-local');
      expect(codes).not.toContain('aucun-acteur-local');
      expect(groups(r)).toContain('ecoute');
    },
  },
  {
    who: 'a young person in danger who needs shelter: the emergency numbers, then the 115',
    input: { profile: 'jeune', place: placeOf(COMMUNES.metz), needs: ['hebergement'], urgency: 'danger-immediat' },
    first: ['urgence-17', 'urgence-112', 'allo-enfance-en-danger-119', 'urgence-114', 'samu-social-115'],
  },
  {
    who: 'an educator in Metz asking for training, no danger',
    input: { profile: 'professionnel', place: placeOf(COMMUNES.metz), needs: ['formation'], urgency: 'information' },
    first: ['formation-test-metz'],
    check: (r) => {
      // A court and the police offer no training: after every actor that does, if at all.
      const s = slugs(r);
      for (const other of ['cour-test-metz', 'police-test-metz']) {
        if (s.includes(other)) expect(s.indexOf(other)).toBeGreaterThan(s.indexOf(nationalTraining.slug));
      }
    },
  },
  {
    who: 'a school nurse in Metz with a worry: the CRIP first, by law',
    input: { profile: 'professionnel', place: placeOf(COMMUNES.metz), needs: ['formation'], urgency: 'inquietude' },
    first: [crip57.slug, 'formation-test-metz'],
  },
  {
    who: 'a worried mother who cannot say what she needs (needs absent)',
    input: { profile: 'famille', place: placeOf(COMMUNES.metz), needs: [], urgency: 'inquietude' },
    first: [],
    check: (r) => {
      expect(r.recommendations.length).toBeGreaterThan(3);
      expect(slugs(r)).toContain(line119.slug);
    },
  },
];

describe('the ranking rules, situation by situation', () => {
  for (const s of SITUATIONS) {
    it(s.who, () => {
      const r = route(s.input);
      expect(slugs(r).slice(0, s.first.length)).toEqual(s.first);
      s.check?.(r);
    });
  }

  it('accepts a question in danger without any place, and one without needs', () => {
    expect(OrientationInputSchema.safeParse({ profile: 'jeune', urgency: 'danger-immediat' }).success).toBe(true);
    const noNeeds = OrientationInputSchema.parse({ profile: 'famille', commune: '57672', urgency: 'inquietude' });
    expect(noNeeds.needs).toEqual([]);
    expect(OrientationInputSchema.safeParse({ profile: 'jeune', urgency: 'inquietude' }).success).toBe(false);
  });
});
