import { describe, expect, it } from 'vitest';
import { orientationTexts } from './texts.ts';

describe('reasons read as French', () => {
  const facts = {
    profile: 'jeune' as const,
    action: 'ecoute' as const,
    alsoOffers: ['juridique' as const],
    where: { kind: 'national' as const },
    general: false,
    contactNote: undefined,
  };

  it('a plural name takes plural verbs: « Forces de l’ordre qui écoutent … Proposent aussi »', () => {
    expect(orientationTexts.reason({ ...facts, type: 'forces-ordre' })).toBe(
      'Forces de l’ordre qui écoutent les jeunes, partout en France. Proposent aussi : aide juridique.',
    );
    expect(orientationTexts.reason({ ...facts, type: 'forces-ordre', action: 'hebergement' })).toMatch(/^Forces de l’ordre qui peuvent /);
  });

  it('a singular name keeps singular verbs', () => {
    expect(orientationTexts.reason({ ...facts, type: 'association' })).toBe(
      'Association qui écoute les jeunes, partout en France. Propose aussi : aide juridique.',
    );
  });
});
