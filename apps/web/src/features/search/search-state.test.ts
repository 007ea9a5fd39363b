import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, hasPoint, parseSearch, toApiQuery, toPageHref, withPlace } from './search-state.ts';

describe('search state in the URL', () => {
  it('a shared link gives back the same search, filters in the code-list order', () => {
    const s = parseSearch(
      '?commune=57672&lieu=Thionville+(57)&publics=professionnels,jeunes&actions=ecoute&radius_km=50&sort=distance&page=2&vue=carte',
    );
    expect(s.commune).toBe('57672');
    expect(s.publics).toEqual(['jeunes', 'professionnels']);
    expect(s.actions).toEqual(['ecoute']);
    expect(s.radiusKm).toBe(50);
    expect(s.sort).toBe('distance');
    expect(s.page).toBe(2);
    expect(s.view).toBe('carte');
    expect(parseSearch(toPageHref(s).slice(1))).toEqual(s);
  });

  it('unknown codes in a hand-edited URL are dropped instead of breaking the page', () => {
    const s = parseSearch('?publics=jeunes,pirates&types=inconnu&sort=au-hasard&page=-3');
    expect(s.publics).toEqual(['jeunes']);
    expect(s.types).toEqual([]);
    expect(s.sort).toBeNull();
    expect(s.page).toBe(1);
  });

  it('the same filters in any order make the same API query (one cache entry)', () => {
    const a = toApiQuery(parseSearch('?actions=soin,ecoute&publics=familles'));
    const b = toApiQuery(parseSearch('?publics=familles&actions=ecoute,soin'));
    expect(a).toBe(b);
  });

  it('display-only parameters (lieu, vue) never reach the API', () => {
    const q = new URLSearchParams(toApiQuery(parseSearch('?postcode=57100&lieu=57100+Thionville&vue=carte')));
    expect(q.get('postcode')).toBe('57100');
    expect(q.has('lieu')).toBe(false);
    expect(q.has('vue')).toBe(false);
  });

  it('radius and distance sort are sent only with a place to measure from', () => {
    const q = new URLSearchParams(toApiQuery({ ...EMPTY_SEARCH, radiusKm: 10, sort: 'distance' }));
    expect(q.has('radius_km')).toBe(false);
    expect(q.has('sort')).toBe(false);
  });

  it('one place at a time: choosing a département clears the commune, radius and distance sort', () => {
    const start = withPlace(
      { ...EMPTY_SEARCH, sort: 'distance', radiusKm: 20 },
      { kind: 'commune', code: '57672', label: 'Thionville (57)' },
    );
    expect(hasPoint(start)).toBe(true);
    const dep = withPlace(start, { kind: 'departement', code: '57', label: 'Moselle (57)' });
    expect(dep.commune).toBeNull();
    expect(dep.departement).toBe('57');
    expect(dep.radiusKm).toBeNull();
    expect(dep.sort).toBeNull();
    expect(dep.placeLabel).toBe('Moselle (57)');
  });

  it('a new place goes back to the first page', () => {
    const s = withPlace({ ...EMPTY_SEARCH, page: 4 }, { kind: 'postcode', code: '57100', label: '57100' });
    expect(s.page).toBe(1);
  });
});

describe('« ouvert maintenant » in the URL', () => {
  it('goes to the API as ouvert=maintenant and comes back from the page URL', () => {
    const state = { ...EMPTY_SEARCH, openNow: true };
    expect(new URLSearchParams(toApiQuery(state)).get('ouvert')).toBe('maintenant');
    expect(parseSearch(toPageHref(state).slice(1)).openNow).toBe(true);
    expect(parseSearch('?ouvert=demain').openNow).toBe(false);
  });
});
