import { describe, expect, it } from 'vitest';
import { OrientationInputSchema } from './orientation.ts';

const valid = { profile: 'famille', commune: '57672', needs: ['soutien-familles'], urgency: 'inquietude' };

const rejected: { name: string; input: unknown; path: string; message: RegExp }[] = [
  {
    name: 'a question with neither commune nor département asks for one of them',
    input: { ...valid, commune: undefined },
    path: 'commune',
    message: /Indiquez votre commune ou votre département/,
  },
  { name: 'an unknown need is named as such', input: { ...valid, needs: ['massage'] }, path: 'needs.0', message: /Besoin inconnu/ },
  {
    name: 'an unknown profile is refused in French',
    input: { ...valid, profile: 'voisin' },
    path: 'profile',
    message: /^Indiquez qui vous êtes : jeune, parent ou proche, ou professionnel$/,
  },
  {
    name: 'an unknown urgency is refused in French',
    input: { ...valid, urgency: 'bof' },
    path: 'urgency',
    message: /^Indiquez l’urgence : /u,
  },
  { name: 'a malformed commune code is refused', input: { ...valid, commune: '5767' }, path: 'commune', message: /Code INSEE/ },
  {
    name: 'a commune outside the département given is refused rather than guessed',
    input: { ...valid, commune: '57672', departement: '54' },
    path: 'departement',
    message: /n’est pas dans le département 54/,
  },
];

describe('OrientationInputSchema', () => {
  for (const { name, input, path, message } of rejected) {
    it(name, () => {
      const parsed = OrientationInputSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      const issue = parsed.error?.issues.find((i) => i.path.join('.') === path);
      expect(issue?.message).toMatch(message);
    });
  }

  it('a family giving a commune, a need and a worry is accepted', () => {
    expect(OrientationInputSchema.parse(valid)).toEqual(valid);
  });

  it('a person giving only a Corsican département and « je ne sais pas » is accepted', () => {
    const parsed = OrientationInputSchema.parse({
      profile: 'jeune',
      departement: '2a',
      needs: ['je-ne-sais-pas'],
      urgency: 'danger-immediat',
    });
    expect(parsed.departement).toBe('2A');
  });
});
