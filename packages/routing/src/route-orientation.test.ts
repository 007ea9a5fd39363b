import type { OrientationResult, PublicActor, RouteOrientationInput } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import {
  COMMUNES,
  confidentialShelter,
  crip31,
  crip54,
  crip57,
  crip82,
  DIRECTORY,
  EMERGENCY,
  email,
  grandEstPrevention,
  line119,
  line116000,
  localActor,
  lyonAssociation,
  makeActor,
  marseilleMda,
  marseilleOutreach,
  marseilleProOnly,
  metzFamilies,
  metzPrevention,
  montaubanAssociation,
  moselleProNetwork,
  nancyAssociation,
  national,
  nationalTraining,
  nationalWithMetzBranch,
  phone,
  placeOf,
  placeOfDepartement,
  sarregueminesFamilies,
  site,
  strasbourgAssociation,
  thionvilleAssociation,
  toulouseAssociation,
  youthLine,
} from './fixtures.test-helpers.ts';
import { routeOrientation } from './route-orientation.ts';
import { MAX_RECOMMENDATIONS } from './rules.ts';

const slugs = (r: OrientationResult) => r.recommendations.map((x) => x.actor.slug);
const find = (r: OrientationResult, actor: PublicActor) => r.recommendations.find((x) => x.actor.id === actor.id);
const indexOf = (r: OrientationResult, actor: PublicActor) => r.recommendations.findIndex((x) => x.actor.id === actor.id);
const noticeCodes = (r: OrientationResult) => r.notices.map((n) => n.code);
const groupOf = (r: OrientationResult, actor: PublicActor) => find(r, actor)?.group;

/** Each actor named is listed, in the group it is named under. */
function expectGroups(r: OrientationResult, groups: Partial<Record<OrientationResult['recommendations'][number]['group'], PublicActor[]>>) {
  for (const [group, actors] of Object.entries(groups)) for (const actor of actors) expect(groupOf(r, actor), actor.slug).toBe(group);
}

/** Every recommendation of `before` comes before every one of `after`. */
function expectBefore(r: OrientationResult, before: PublicActor[], after: PublicActor[]) {
  for (const b of before) {
    for (const a of after) {
      expect(indexOf(r, b), `${b.slug} should be listed`).toBeGreaterThanOrEqual(0);
      expect(indexOf(r, a), `${a.slug} should be listed`).toBeGreaterThanOrEqual(0);
      expect(indexOf(r, b), `${b.slug} before ${a.slug}`).toBeLessThan(indexOf(r, a));
    }
  }
}

const EMERGENCY_ONLY = ['urgence-17', 'urgence-112', 'urgence-114'];

type Case = {
  name: string;
  input: RouteOrientationInput;
  candidates?: readonly PublicActor[];
  check: (result: OrientationResult) => void;
};

const cases: Case[] = [
  // --- Immediate danger ------------------------------------------------------------------------
  {
    name: 'a young person in immediate danger in Marseille sees 17, 112 and 119 first, then the 114',
    input: { profile: 'jeune', place: placeOf(COMMUNES.marseille), needs: ['hebergement'], urgency: 'danger-immediat' },
    check: (r) => {
      expect(slugs(r).slice(0, 4)).toEqual(['urgence-17', 'urgence-112', 'allo-enfance-en-danger-119', 'urgence-114']);
      expect(r.recommendations.slice(0, 4).every((x) => x.group === 'urgence')).toBe(true);
      expect(r.recommendations.slice(0, 3).every((x) => x.channel === 'appeler')).toBe(true);
      expect(noticeCodes(r)[0]).toBe('numeros-urgence');
    },
  },
  {
    name: 'the 114 is offered by SMS to those who cannot speak',
    input: { profile: 'famille', place: placeOf(COMMUNES.metz), needs: ['ecoute'], urgency: 'danger-immediat' },
    check: (r) => {
      const rec = r.recommendations.find((x) => x.actor.slug === 'urgence-114');
      expect(rec?.channel).toBe('ecrire');
      expect(rec?.reason).toMatch(/SMS au 114/);
      expect(rec?.reason).toMatch(/ne pouvez pas parler/);
    },
  },
  {
    name: 'a family in danger sees the emergency numbers first whatever they said they need',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['juridique'], urgency: 'danger-immediat' },
    check: (r) => {
      expect(r.recommendations.slice(0, 4).map((x) => x.group)).toEqual(['urgence', 'urgence', 'urgence', 'urgence']);
      expect(groupOf(r, metzFamilies)).toBe('proximite');
      // The 119 is listed once, among the emergency numbers, not again with the national lines.
      expect(slugs(r).filter((s) => s === line119.slug)).toHaveLength(1);
    },
  },
  {
    name: 'a professional in immediate danger in Thionville sees the emergency numbers, then the CRIP of Moselle',
    input: { profile: 'professionnel', place: placeOf(COMMUNES.thionville), needs: ['signalement'], urgency: 'danger-immediat' },
    check: (r) => {
      expect(slugs(r).slice(0, 5)).toEqual(['urgence-17', 'urgence-112', 'allo-enfance-en-danger-119', 'urgence-114', crip57.slug]);
      expect(groupOf(r, crip57)).toBe('signalement');
    },
  },
  {
    name: 'emergency numbers missing from the directory do not break an orientation in danger',
    input: { profile: 'jeune', place: placeOf(COMMUNES.marseille), needs: ['ecoute'], urgency: 'danger-immediat' },
    candidates: DIRECTORY.filter((a) => !EMERGENCY.includes(a)),
    check: (r) => {
      expect(r.recommendations.some((x) => x.group === 'urgence')).toBe(false);
      const n = r.notices.find((x) => x.code === 'numeros-urgence');
      expect(n?.text).toMatch(/17/);
      expect(n?.text).toMatch(/112/);
      expect(n?.text).toMatch(/114/);
      expect(find(r, marseilleMda)?.group).toBe('proximite');
    },
  },
  {
    name: 'the 17, 112 and 114 do not appear when there is no danger, but a reminder of them does',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['je-ne-sais-pas'], urgency: 'inquietude' },
    check: (r) => {
      for (const s of EMERGENCY_ONLY) expect(slugs(r)).not.toContain(s);
      expect(r.recommendations.some((x) => x.group === 'urgence')).toBe(false);
      expect(r.notices.find((n) => n.code === 'numeros-urgence')?.title).toBe('Si la situation devient dangereuse');
    },
  },

  // --- Families --------------------------------------------------------------------------------
  {
    name: 'a family in Thionville worried about their daughter sees family actors in Moselle before national lines',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['soutien-familles', 'ecoute'], urgency: 'inquietude' },
    check: (r) => {
      expectBefore(r, [thionvilleAssociation, metzFamilies], [line119, line116000]);
      expectGroups(r, { proximite: [thionvilleAssociation, metzFamilies], national: [line119] });
    },
  },
  {
    name: 'a family in Thionville sees the association in Thionville before the one in Metz',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['soutien-familles'], urgency: 'inquietude' },
    check: (r) => {
      expectBefore(r, [thionvilleAssociation], [metzFamilies]);
      expect(find(r, thionvilleAssociation)?.distance_km).toBe(0);
      expect(find(r, metzFamilies)?.distance_km).toBeCloseTo(26.5, 0);
    },
  },
  {
    name: 'a family in Thionville does not see actors in Nancy, Strasbourg, Lyon or Marseille',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['je-ne-sais-pas'], urgency: 'inquietude' },
    check: (r) => {
      for (const far of [nancyAssociation, strasbourgAssociation, lyonAssociation, marseilleMda, toulouseAssociation]) {
        expect(slugs(r)).not.toContain(far.slug);
      }
    },
  },
  {
    name: 'an actor serving only professionals never appears for a family',
    input: { profile: 'famille', place: placeOf(COMMUNES.metz), needs: ['je-ne-sais-pas'], urgency: 'information' },
    check: (r) => {
      expect(slugs(r)).not.toContain(moselleProNetwork.slug);
      expect(slugs(r)).not.toContain(nationalTraining.slug);
      expect(slugs(r)).not.toContain(crip57.slug);
    },
  },
  {
    name: 'a national association with a branch in Metz counts as near a family in Thionville',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['soutien-familles'], urgency: 'information' },
    check: (r) => {
      expect(groupOf(r, nationalWithMetzBranch)).toBe('proximite');
      expect(find(r, nationalWithMetzBranch)?.reason).toMatch(/km de chez vous \(Metz\)/);
    },
  },
  {
    name: 'a family in Metz sees a regional actor after the Moselle ones and before the national lines',
    input: { profile: 'famille', place: placeOf(COMMUNES.metz), needs: ['prevention', 'accompagnement'], urgency: 'information' },
    check: (r) => {
      expectBefore(r, [metzPrevention, thionvilleAssociation, sarregueminesFamilies], [grandEstPrevention]);
      expectBefore(r, [grandEstPrevention], [line116000]);
      expectGroups(r, { departement: [sarregueminesFamilies, grandEstPrevention] });
      expect(find(r, grandEstPrevention)?.reason).toMatch(/dans votre région \(Grand Est\)/);
    },
  },
  {
    name: 'a family in Toulouse also sees an association in Montauban, across the border of the département',
    input: { profile: 'famille', place: placeOf(COMMUNES.toulouse), needs: ['accompagnement'], urgency: 'inquietude' },
    check: (r) => {
      expectBefore(r, [toulouseAssociation], [montaubanAssociation]);
      expect(groupOf(r, montaubanAssociation)).toBe('departement');
      expect(find(r, montaubanAssociation)?.distance_km).toBeGreaterThan(40);
    },
  },
  {
    name: 'a family who gave only their département still sees the actors covering it before national lines',
    input: { profile: 'famille', place: placeOfDepartement('57', '44'), needs: ['accompagnement'], urgency: 'inquietude' },
    check: (r) => {
      expectBefore(r, [sarregueminesFamilies, thionvilleAssociation], [line116000]);
      expect(find(r, thionvilleAssociation)?.distance_km).toBeUndefined();
      expect(find(r, thionvilleAssociation)?.reason).toMatch(/dans votre département \(Moselle\)/);
    },
  },

  // --- Young people ----------------------------------------------------------------------------
  {
    name: 'a young person in Marseille asking to be listened to sees who listens, near then national, then an outreach team that does not',
    input: { profile: 'jeune', place: placeOf(COMMUNES.marseille), needs: ['ecoute'], urgency: 'inquietude' },
    check: (r) => {
      expectBefore(r, [marseilleMda], [line119, youthLine]);
      expectBefore(r, [line119, youthLine], [marseilleOutreach]);
      expectGroups(r, { proximite: [marseilleMda], national: [youthLine], ecoute: [marseilleOutreach] });
    },
  },
  {
    name: 'a young person never sees an actor serving only professionals',
    input: { profile: 'jeune', place: placeOf(COMMUNES.marseille), needs: ['je-ne-sais-pas'], urgency: 'inquietude' },
    check: (r) => {
      expect(slugs(r)).not.toContain(marseilleProOnly.slug);
      expect(r.recommendations.every((x) => x.actor.publics.includes('jeunes'))).toBe(true);
    },
  },

  // --- Professionals and the CRIP -----------------------------------------------------------------
  {
    name: 'a school nurse in Toulouse with a worry is sent to the CRIP 31 and reminded of the obligation to report',
    input: { profile: 'professionnel', place: placeOf(COMMUNES.toulouse), needs: ['je-ne-sais-pas'], urgency: 'inquietude' },
    check: (r) => {
      expect(r.recommendations[0]?.actor.slug).toBe(crip31.slug);
      expect(r.recommendations[0]?.group).toBe('signalement');
      expect(r.recommendations[0]?.reason).toMatch(/CRIP\) de votre département \(Haute-Garonne\)/);
      const obligation = r.notices.find((n) => n.code === 'obligation-de-transmettre');
      expect(obligation?.text).toMatch(/loi n° 2002-305 du 4 mars 2002/);
      expect(obligation?.text).toMatch(/réputé en danger/);
      expect(obligation?.reference?.url).toBe('https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000776954');
    },
  },
  {
    name: 'a worried professional is reminded that sharing information is allowed (226-14 code pénal, L.226-2-2 CASF)',
    input: { profile: 'professionnel', place: placeOf(COMMUNES.toulouse), needs: ['accompagnement'], urgency: 'inquietude' },
    check: (r) => {
      const shared = r.notices.find((n) => n.code === 'information-partagee');
      expect(shared?.text).toMatch(/226-14 du code pénal/);
      expect(shared?.text).toMatch(/L\.226-2-2/);
      expect(shared?.reference?.url).toMatch(/^https:\/\/www\.legifrance\.gouv\.fr\/codes\/article_lc\/LEGIARTI\d{12}$/);
    },
  },
  {
    name: 'a professional in Toulouse is never sent to the CRIP of the neighbouring Tarn-et-Garonne',
    input: { profile: 'professionnel', place: placeOf(COMMUNES.toulouse), needs: ['signalement'], urgency: 'inquietude' },
    check: (r) => {
      expect(slugs(r)).not.toContain(crip82.slug);
      expect(r.recommendations.filter((x) => x.group === 'signalement').map((x) => x.actor.slug)).toEqual([crip31.slug]);
    },
  },
  {
    name: 'a professional in Thionville is sent to the CRIP of Moselle, not the one of Meurthe-et-Moselle',
    input: { profile: 'professionnel', place: placeOf(COMMUNES.thionville), needs: ['signalement'], urgency: 'inquietude' },
    check: (r) => {
      expect(find(r, crip57)?.group).toBe('signalement');
      expect(slugs(r)).not.toContain(crip54.slug);
    },
  },
  {
    name: 'with no CRIP known in the département the professional is pointed to the 119',
    input: { profile: 'professionnel', place: placeOf(COMMUNES.marseille), needs: ['signalement'], urgency: 'inquietude' },
    check: (r) => {
      expect(r.recommendations[0]?.actor.slug).toBe(line119.slug);
      expect(r.recommendations[0]?.group).toBe('signalement');
      expect(r.recommendations[0]?.channel).toBe('appeler');
      expect(r.recommendations[0]?.reason).toMatch(/transmet à la CRIP compétente/);
      expect(noticeCodes(r)).toContain('crip-inconnue');
      expect(slugs(r).filter((s) => s === line119.slug)).toHaveLength(1);
    },
  },
  {
    name: 'with no CRIP and no 119 in the directory the professional is still told to call the 119',
    input: { profile: 'professionnel', place: placeOf(COMMUNES.marseille), needs: ['signalement'], urgency: 'inquietude' },
    candidates: DIRECTORY.filter((a) => a !== line119),
    check: (r) => {
      expect(r.recommendations.some((x) => x.group === 'signalement')).toBe(false);
      expect(r.notices.find((n) => n.code === 'crip-inconnue')?.text).toMatch(/Appelez le 119/);
    },
  },
  {
    name: 'a professional looking for training is not pushed to report',
    input: { profile: 'professionnel', place: placeOf(COMMUNES.toulouse), needs: ['formation'], urgency: 'information' },
    check: (r) => {
      expect(r.recommendations.some((x) => x.group === 'signalement')).toBe(false);
      expect(noticeCodes(r)).not.toContain('obligation-de-transmettre');
      expectBefore(r, [toulouseAssociation], [nationalTraining]);
    },
  },

  // --- Channels --------------------------------------------------------------------------------
  {
    name: 'a confidential shelter is offered only through a contact request',
    input: { profile: 'jeune', place: placeOf(COMMUNES.thionville), needs: ['hebergement'], urgency: 'inquietude' },
    check: (r) => {
      const rec = find(r, confidentialShelter);
      expect(rec?.channel).toBe('demande-de-contact');
      expect(rec?.reason).toMatch(/confidentielle/);
      expect(rec?.reason).not.toMatch(/rue/);
    },
  },
  {
    name: 'an actor with a public phone is called',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['soutien-familles'], urgency: 'inquietude' },
    check: (r) => expect(find(r, metzFamilies)?.channel).toBe('appeler'),
  },
  {
    name: 'an actor that only has a website is reached by writing',
    input: { profile: 'famille', place: placeOf(COMMUNES.metz), needs: ['prevention'], urgency: 'information' },
    check: (r) => expect(find(r, grandEstPrevention)?.channel).toBe('ecrire'),
  },
  {
    name: 'an actor with no public contact is reached through a contact request to the PARÉ team',
    input: { profile: 'famille', place: placeOf(COMMUNES.toulouse), needs: ['accompagnement'], urgency: 'inquietude' },
    check: (r) => {
      expect(find(r, montaubanAssociation)?.channel).toBe('demande-de-contact');
      expect(find(r, montaubanAssociation)?.reason).toMatch(/l’équipe PARÉ vous mettra en relation/);
    },
  },
  {
    name: 'an actor that accepts contact requests and has no phone gets a contact request rather than an e-mail',
    input: { profile: 'famille', place: placeOf(COMMUNES.metz), needs: ['juridique'], urgency: 'inquietude' },
    candidates: [
      localActor(COMMUNES.metz, {
        id: 900,
        slug: 'association-test-demandes-metz',
        name: 'Association test demandes Metz',
        publics: ['familles'],
        actions: ['juridique'],
        contacts: [email('demandes@example.org')],
        accepts_contact_requests: true,
      }),
    ],
    check: (r) => {
      expect(r.recommendations[0]?.channel).toBe('demande-de-contact');
      expect(r.recommendations[0]?.reason).toMatch(/la structure vous recontactera/);
    },
  },

  // --- Needs -----------------------------------------------------------------------------------
  {
    name: 'an actor offering what the family needs comes before a nearer one that only listens',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['juridique'], urgency: 'inquietude' },
    check: (r) => {
      expectBefore(r, [metzFamilies], [thionvilleAssociation]);
      expect(find(r, thionvilleAssociation)?.reason).toMatch(/peut vous écouter et vous orienter/);
    },
  },
  {
    name: 'an actor offering none of the needs and not listening is left out',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['juridique'], urgency: 'inquietude' },
    check: (r) => expect(slugs(r)).not.toContain(sarregueminesFamilies.slug),
  },
  {
    name: 'a family who does not know what they need sees every kind of actor around them',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['je-ne-sais-pas'], urgency: 'inquietude' },
    check: (r) => {
      for (const a of [thionvilleAssociation, metzFamilies, sarregueminesFamilies, metzPrevention, grandEstPrevention]) {
        expect(slugs(r)).toContain(a.slug);
      }
      expect(r.recommendations.every((x) => !x.reason.includes('Sans proposer directement'))).toBe(true);
    },
  },

  // --- Reasons, lists and edge cases -------------------------------------------------------------
  {
    name: 'reasons speak to the family: what the actor does, how far and where',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['soutien-familles', 'juridique'], urgency: 'inquietude' },
    check: (r) => {
      expect(find(r, metzFamilies)?.reason).toBe(
        'Association qui soutient les familles et les proches à 27 km de chez vous (Metz). Propose aussi : aide juridique.',
      );
      expect(find(r, thionvilleAssociation)?.reason).toBe(
        'Association qui soutient les familles et les proches, dans votre commune (Thionville).',
      );
    },
  },
  {
    name: 'a young person with no actor near Lyon is told so and sees the national lines',
    input: { profile: 'jeune', place: placeOf(COMMUNES.lyon), needs: ['ecoute'], urgency: 'inquietude' },
    candidates: [line119, youthLine, line116000, thionvilleAssociation],
    check: (r) => {
      expect(noticeCodes(r)).toContain('aucun-acteur-local');
      expect(r.recommendations.every((x) => x.group === 'national')).toBe(true);
      expect(slugs(r)).toEqual(expect.arrayContaining([line119.slug, youthLine.slug]));
    },
  },
  {
    name: 'an actor passed twice by the caller is listed once',
    input: { profile: 'famille', place: placeOf(COMMUNES.thionville), needs: ['soutien-familles'], urgency: 'inquietude' },
    candidates: [...DIRECTORY, thionvilleAssociation, metzFamilies],
    check: (r) => {
      const ids = r.recommendations.map((x) => x.actor.id);
      expect(new Set(ids).size).toBe(ids.length);
    },
  },
];

describe('routeOrientation', () => {
  // A loop rather than it.each: vitest quotes and shortens `$name`, and the names are the point.
  for (const { name, input, candidates, check } of cases) {
    it(name, () => check(routeOrientation(input, candidates ?? DIRECTORY)));
  }
});

// Situations that need a generated directory or two runs: kept out of the table for readability.

const manyMetzActors = Array.from({ length: 20 }, (_, i) =>
  localActor(COMMUNES.metz, {
    id: 500 + i,
    slug: `association-test-metz-${i}`,
    name: `Association test Metz ${String(i).padStart(2, '0')}`,
    publics: ['familles'],
    actions: ['soutien-familles'],
    contacts: [phone(`01 99 00 05 ${String(i).padStart(2, '0')}`)],
  }),
);

describe('routeOrientation with long lists', () => {
  it('a family in danger in Metz with 20 local actors sees at most 12 entries and every emergency number', () => {
    const r = routeOrientation(
      { profile: 'famille', place: placeOf(COMMUNES.metz), needs: ['soutien-familles', 'ecoute'], urgency: 'danger-immediat' },
      [...manyMetzActors, ...DIRECTORY],
    );
    expect(r.recommendations).toHaveLength(MAX_RECOMMENDATIONS);
    expect(r.recommendations.filter((x) => x.group === 'urgence')).toHaveLength(4);
  });

  it('a family in Metz with 20 local actors still sees national lines at the end of the list', () => {
    const r = routeOrientation(
      { profile: 'famille', place: placeOf(COMMUNES.metz), needs: ['soutien-familles', 'ecoute'], urgency: 'inquietude' },
      [...manyMetzActors, ...DIRECTORY],
    );
    expect(r.recommendations).toHaveLength(MAX_RECOMMENDATIONS);
    expect(r.recommendations.slice(-2).map((x) => x.group)).toEqual(['national', 'national']);
  });

  it('actors at the same place are ordered by name then id, whatever the order they are passed in', () => {
    const twins = (
      [
        [801, 'b-1', 'Association test B'],
        [800, 'b-0', 'Association test B'],
        [700, 'a-0', 'Association test A'],
      ] as const
    ).map(([id, slug, name]) =>
      makeActor({ id, slug, name, publics: ['familles'], actions: ['ecoute'], territory: national(), sites: [site(COMMUNES.metz)] }),
    );
    const input: RouteOrientationInput = { profile: 'famille', place: placeOf(COMMUNES.metz), needs: ['ecoute'], urgency: 'information' };
    const forward = routeOrientation(input, twins);
    const backward = routeOrientation(input, [...twins].reverse());
    expect(slugs(forward)).toEqual(['a-0', 'b-0', 'b-1']);
    expect(backward).toEqual(forward);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('routeOrientation is pure', () => {
  it('the same question twice gets deep-equal answers, and neither the question nor the directory is changed', () => {
    const input: RouteOrientationInput = {
      profile: 'professionnel',
      place: placeOf(COMMUNES.thionville),
      needs: ['signalement', 'accompagnement'],
      urgency: 'danger-immediat',
    };
    const candidates = structuredClone([...DIRECTORY]);
    const inputBefore = structuredClone(input);
    const candidatesBefore = structuredClone(candidates);
    // Frozen: any write inside the engine throws in strict-mode ESM.
    deepFreeze(input);
    deepFreeze(candidates);

    const first = routeOrientation(input, candidates);
    const second = routeOrientation(input, candidates);

    expect(second).toEqual(first);
    expect(input).toEqual(inputBefore);
    expect(candidates).toEqual(candidatesBefore);
  });
});
