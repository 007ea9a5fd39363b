import { describe, expect, it } from 'vitest';
import { toFtsQuery } from './search.ts';

describe('toFtsQuery', () => {
  it('makes every typed word a required prefix, accents and case folded', () => {
    expect(toFtsQuery('Écoute  Familles')).toBe('"ecoute"* AND "familles"*');
  });
  it('drops FTS operators and quotes a person may type', () => {
    expect(toFtsQuery('"maison" OR NEAR(*) -x')).toBe('"maison"* AND "or"* AND "near"* AND "x"*');
  });
  it('gives nothing to search for punctuation only', () => {
    expect(toFtsQuery(' -- ** ')).toBeNull();
  });
});
