import { lazy, readGeoJson } from './data-files.ts';
import type { BBox } from './geometry.ts';
import { normalizePlaceName } from './normalize.ts';

export type Precision = 'exact' | 'postcode' | 'epci' | 'departement';

export type Commune = {
  code: string;
  name: string;
  departement: string;
  region: string;
  postcodes: string[];
  lat: number;
  lng: number;
  population: number;
  /** How lat/lng was obtained; see data/geo/README.md. */
  precision: Precision;
  /** Only on the municipal arrondissements of Paris, Lyon and Marseille: the commune's code. */
  parent?: string;
};

export type Departement = {
  code: string;
  name: string;
  region: string;
  /** INSEE code of the préfecture. */
  chefLieu: string;
  lat: number;
  lng: number;
  population: number;
  bbox: BBox;
};

export type Region = {
  code: string;
  name: string;
  chefLieu: string;
  lat: number;
  lng: number;
  population: number;
  bbox: BBox;
};

type CommuneRow = [string, string, number, number, number, number, string, string?];
type CommunesFile = { precisions: Precision[]; communes: CommuneRow[]; arrondissements: CommuneRow[] };
type DepartementRow = [string, string, string, string, number, number, number, BBox];
type RegionRow = [string, string, string, number, number, number, BBox];

export type Referential = {
  communes: Commune[];
  arrondissements: Commune[];
  communeByCode: Map<string, Commune>;
  communesByPostcode: Map<string, Commune[]>;
  arrondissementsByPostcode: Map<string, Commune[]>;
  departements: Departement[];
  departementByCode: Map<string, Departement>;
  regions: Region[];
  regionByCode: Map<string, Region>;
};

/** INSEE commune codes carry their département: 2 characters, or 3 overseas (97x). */
export function departementOfCommuneCode(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

const byPopulationDesc = (a: Commune, b: Commune): number => b.population - a.population || a.code.localeCompare(b.code);

function groupByPostcode(communes: Commune[]): Map<string, Commune[]> {
  const map = new Map<string, Commune[]>();
  for (const commune of communes) {
    for (const postcode of commune.postcodes) {
      const list = map.get(postcode);
      if (list === undefined) map.set(postcode, [commune]);
      else list.push(commune);
    }
  }
  for (const list of map.values()) list.sort(byPopulationDesc);
  return map;
}

export const loadReferential = lazy((): Referential => {
  const departementsFile = readGeoJson<{ departements: DepartementRow[] }>('departements.json');
  const regionsFile = readGeoJson<{ regions: RegionRow[] }>('regions.json');
  const communesFile = readGeoJson<CommunesFile>('communes.json');

  const departements = departementsFile.departements.map(
    ([code, name, region, chefLieu, lat, lng, population, bbox]): Departement => ({
      code,
      name,
      region,
      chefLieu,
      lat,
      lng,
      population,
      bbox,
    }),
  );
  const departementByCode = new Map(departements.map((d) => [d.code, d]));
  const regions = regionsFile.regions.map(
    ([code, name, chefLieu, lat, lng, population, bbox]): Region => ({ code, name, chefLieu, lat, lng, population, bbox }),
  );
  const regionByCode = new Map(regions.map((r) => [r.code, r]));

  const toCommune = ([code, name, population, lat, lng, precision, postcodes, parent]: CommuneRow): Commune => {
    // The département's own code string, not a new one per commune (35,000 kept for the process's life).
    const departement = departementByCode.get(departementOfCommuneCode(code))?.code ?? departementOfCommuneCode(code);
    const commune: Commune = {
      code,
      name,
      departement,
      region: departementByCode.get(departement)?.region ?? '',
      postcodes: postcodes === '' ? [] : postcodes.split(' '),
      lat,
      lng,
      population,
      precision: communesFile.precisions[precision] ?? 'departement',
    };
    if (parent !== undefined) commune.parent = parent;
    return commune;
  };
  const communes = communesFile.communes.map(toCommune);
  const arrondissements = communesFile.arrondissements.map(toCommune);
  const communeByCode = new Map<string, Commune>();
  for (const c of communes) communeByCode.set(c.code, c);
  for (const a of arrondissements) communeByCode.set(a.code, a);

  return {
    communes,
    arrondissements,
    communeByCode,
    communesByPostcode: groupByPostcode(communes),
    arrondissementsByPostcode: groupByPostcode(arrondissements),
    departements,
    departementByCode,
    regions,
    regionByCode,
  };
});

const cleanCode = (code: string): string => code.trim().toUpperCase();

/**
 * A current commune by INSEE code. A municipal arrondissement code (75111, 69381, 13201…)
 * returns the arrondissement itself, with its own coordinates and postcode and `parent` set
 * to the commune (75056): closer to where the person is than the centre of Paris.
 */
export function getCommune(code: string): Commune | undefined {
  return loadReferential().communeByCode.get(cleanCode(code));
}

/** Every current commune (no arrondissements), in INSEE code order. */
export function listCommunes(): readonly Commune[] {
  return loadReferential().communes;
}

export type PostcodeOptions = {
  /** For Paris, Lyon and Marseille, return the arrondissement instead of the whole city. */
  arrondissements?: boolean;
};

/** The communes a postcode serves, most populous first (a new array each call). */
export function getCommunesByPostcode(postcode: string, options: PostcodeOptions = {}): Commune[] {
  const referential = loadReferential();
  const key = postcode.replace(/\s+/g, '');
  const communes = referential.communesByPostcode.get(key) ?? [];
  if (options.arrondissements !== true) return [...communes];
  const arrondissements = referential.arrondissementsByPostcode.get(key) ?? [];
  if (arrondissements.length === 0) return [...communes];
  const replaced = new Set(arrondissements.map((a) => a.parent));
  return [...arrondissements, ...communes.filter((c) => !replaced.has(c.code))].sort(byPopulationDesc);
}

/**
 * The commune an address names, for importers: "57100" + "Thionville" → 57672. Prefers a
 * commune of the postcode whose name matches, then a commune of that name in the postcode's
 * département, then the postcode's most populous commune; undefined when nothing fits.
 */
export function resolveCommune(address: { postcode?: string; name?: string }): Commune | undefined {
  const referential = loadReferential();
  const postcode = address.postcode?.replace(/\s+/g, '');
  const wanted = address.name === undefined ? '' : normalizePlaceName(address.name);
  const candidates = postcode === undefined ? [] : getCommunesByPostcode(postcode, { arrondissements: true });
  if (wanted !== '') {
    const named = candidates.find(
      (c) =>
        normalizePlaceName(c.name) === wanted ||
        (c.parent !== undefined && normalizePlaceName(referential.communeByCode.get(c.parent)?.name ?? '') === wanted),
    );
    if (named !== undefined) return named;
    const departement = postcode === undefined ? undefined : postcodeDepartement(postcode);
    const inDepartement = referential.communes
      .filter((c) => (departement === undefined || c.departement === departement) && normalizePlaceName(c.name) === wanted)
      .sort(byPopulationDesc);
    if (inDepartement[0] !== undefined && (departement !== undefined || inDepartement.length === 1)) return inDepartement[0];
  }
  return candidates[0];
}

/** The département a postcode belongs to, mostly its first 2 digits (3 overseas, 2A/2B in Corsica). */
function postcodeDepartement(postcode: string): string | undefined {
  const communes = loadReferential().communesByPostcode.get(postcode);
  if (communes?.[0] !== undefined) return communes[0].departement;
  if (postcode.startsWith('97')) return postcode.slice(0, 3);
  if (postcode.startsWith('20')) return undefined;
  return postcode.slice(0, 2);
}

/** '01'…'95', '2A', '2B', '971'…'976'. Also accepts '1' for '01' and lower case '2a'. */
export function getDepartement(code: string): Departement | undefined {
  const clean = cleanCode(code);
  const referential = loadReferential();
  return referential.departementByCode.get(clean) ?? (/^\d$/.test(clean) ? referential.departementByCode.get(`0${clean}`) : undefined);
}

export function getRegion(code: string): Region | undefined {
  return loadReferential().regionByCode.get(cleanCode(code));
}

export function listDepartements(): readonly Departement[] {
  return loadReferential().departements;
}

export function listRegions(): readonly Region[] {
  return loadReferential().regions;
}
