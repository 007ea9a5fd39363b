import { describe, expect, it } from 'vitest';
import { queryFromSearch, withoutEmpty } from './url-query.ts';

describe('a page’s query for the typed client', () => {
  it('hands the URL’s filters on as they are: repeated keys as a list, empty ones left out', () => {
    expect(queryFromSearch('?q=%C3%A9coute&departement=&status=all&publics=jeunes&publics=familles')).toEqual({
      q: 'écoute',
      status: 'all',
      publics: ['jeunes', 'familles'],
    });
  });

  it('leaves out empty values, as apiGet did (no « ?name= » sent for an empty field)', () => {
    expect(withoutEmpty({ name: '', commune: '57672', siret: undefined })).toEqual({ commune: '57672' });
  });
});
