import { describe, expect, it } from 'vitest';
import { foldPlaceName, normalizePlaceName } from './normalize.ts';

describe('normalizePlaceName', () => {
  it('ignores accents, case, hyphens and apostrophes', () => {
    expect(normalizePlaceName('SAINT-ÉTIENNE')).toBe('saint etienne');
    expect(normalizePlaceName("Villeneuve-d'Ascq")).toBe('villeneuve d ascq');
    expect(normalizePlaceName('Marcq-en-Barœul')).toBe('marcq en baroeul');
  });

  it('reads St and Ste as Saint and Sainte', () => {
    expect(normalizePlaceName('St-Étienne')).toBe(normalizePlaceName('Saint-Étienne'));
    expect(normalizePlaceName('Ste Maxime')).toBe(normalizePlaceName('Sainte-Maxime'));
  });

  it('drops a leading article', () => {
    expect(normalizePlaceName('Le Mans')).toBe('mans');
    expect(normalizePlaceName("L'Haÿ-les-Roses")).toBe('hay les roses');
    expect(normalizePlaceName('Les Lilas')).toBe('lilas');
  });

  it('reads both ways of naming a Paris, Lyon or Marseille arrondissement alike', () => {
    expect(normalizePlaceName('Paris 15e Arrondissement')).toBe('paris 15');
    expect(normalizePlaceName('Paris 15 Vaugirard')).toBe('paris 15');
    expect(normalizePlaceName('Lyon 02')).toBe(normalizePlaceName('Lyon 2e Arrondissement'));
    expect(normalizePlaceName('Marseille 1er Arrondissement')).toBe('marseille 1');
  });

  it('keeps an unfinished last word of a query as typed', () => {
    expect(foldPlaceName('st', { partial: true })).toBe('st');
    expect(foldPlaceName('st ', { partial: true })).toBe('saint');
    expect(foldPlaceName('st etien', { partial: true })).toBe('saint etien');
  });
});
