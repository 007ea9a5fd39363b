/** Communes weighted by population, so generated sites are spread as people are (a big city holds many actors). */
import { type Commune, type Departement, listCommunes, listDepartements } from '@pare/geo';
import type { Random } from './random.ts';

type WeightedCommunes = { communes: readonly Commune[]; cumulative: Float64Array };

function weightCommunes(communes: readonly Commune[]): WeightedCommunes {
  const cumulative = new Float64Array(communes.length);
  let sum = 0;
  communes.forEach((c, i) => {
    sum += Math.max(1, c.population);
    cumulative[i] = sum;
  });
  return { communes, cumulative };
}

export function drawCommune(w: WeightedCommunes, random: Random): Commune {
  const total = w.cumulative[w.cumulative.length - 1] ?? 0;
  const r = random.next() * total;
  let lo = 0;
  let hi = w.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((w.cumulative[mid] ?? 0) <= r) lo = mid + 1;
    else hi = mid;
  }
  return w.communes[lo] as Commune;
}

export type Places = { all: WeightedCommunes; byDepartement: Map<string, WeightedCommunes>; departements: readonly Departement[] };

let places: Places | undefined;
export function loadPlaces(): Places {
  if (places) return places;
  const communes = listCommunes();
  const groups = new Map<string, Commune[]>();
  for (const c of communes) {
    const list = groups.get(c.departement);
    if (list) list.push(c);
    else groups.set(c.departement, [c]);
  }
  places = {
    all: weightCommunes(communes),
    byDepartement: new Map([...groups].map(([code, list]) => [code, weightCommunes(list)])),
    departements: listDepartements(),
  };
  return places;
}
