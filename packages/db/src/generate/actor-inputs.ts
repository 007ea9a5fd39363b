/** Generated actors as inputs, one at a time: the same count and seed always give the same list. */
import { type Commune, type Departement, getDepartement, getRegion } from '@pare/geo';
import { ACTIONS, type ContactInput, type CreateActorInput, type Public, type SiteInput, type TerritoryInput } from '@pare/schema';
import { slugify } from '../name-keys.ts';
import { drawCommune, loadPlaces } from './places.ts';
import { createRandom, pickWeighted, type Random } from './random.ts';
import { ACTIONS_BY_TYPE, actorName, describeActor, GENERATED_SUFFIX, HOURS, LANGUAGES, STREETS, TYPE_WEIGHTS } from './vocabulary.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A number in the range ARCEP reserves for fiction: it cannot ring anyone. */
function fictionPhone(random: Random, mobile = false): string {
  return `${mobile ? '06 39 98' : '01 99 00'} ${pad(random.int(0, 99), 2)} ${pad(random.int(0, 99), 2)}`;
}

function jitter(random: Random, km: number): number {
  return ((random.next() * 2 - 1) * km) / 111.2;
}

function siteInput(commune: Commune, random: Random, confidential: boolean): SiteInput {
  const exact = confidential || random.chance(0.6);
  const lat = Math.round((commune.lat + jitter(random, 1.5)) * 1e5) / 1e5;
  const lng = Math.round((commune.lng + jitter(random, 1.5) / Math.max(0.2, Math.cos((commune.lat * Math.PI) / 180))) * 1e5) / 1e5;
  return {
    label: confidential ? `Lieu d’accueil protégé${GENERATED_SUFFIX}` : random.chance(0.5) ? `Accueil de ${commune.name}` : null,
    address: exact ? `${random.int(1, 120)} ${random.pick(STREETS)}` : null,
    postcode: commune.postcodes[0] ?? null,
    commune_code: commune.code,
    lat: exact ? lat : null,
    lng: exact ? lng : null,
    confidential,
    opening_hours: random.chance(0.6) ? random.pick(HOURS) : null,
    accessibility: random.chance(0.3) ? 'Accès de plain-pied' : null,
  };
}

/** Actors of the given count for a seed, one at a time: the same seed always gives the same list. */
export function* generateActorInputs(count: number, seed = 1): Generator<CreateActorInput> {
  const random = createRandom(seed);
  const p = loadPlaces();
  const runId = seed.toString(36);
  for (let n = 1; n <= count; n++) {
    const type = random.weighted(TYPE_WEIGHTS);
    const home = drawCommune(p.all, random);
    const dep = getDepartement(home.departement) as Departement;
    const regionName = getRegion(home.region)?.name ?? dep.name;
    const name = `${actorName(type, home, dep, regionName, random)}${GENERATED_SUFFIX}`;

    // Territory: national lines, régions-wide networks, département-wide services, or local.
    const scopeRoll = random.next();
    let territory: TerritoryInput;
    if (type === 'ligne-ecoute' ? scopeRoll < 0.9 : scopeRoll < (type === 'reseau' ? 0.06 : 0.006)) {
      territory = { scope: 'national', regions: [], departements: [], communes: [] };
    } else if ((type === 'reseau' && scopeRoll < 0.5) || (type === 'service-etat' && scopeRoll < 0.15)) {
      territory = { scope: 'regions', regions: [home.region], departements: [], communes: [] };
    } else if (
      type === 'service-departemental' ||
      type === 'maison-ados' ||
      (type === 'service-etat' && scopeRoll < 0.6) ||
      (type === 'forces-ordre' && scopeRoll < 0.4) ||
      (type === 'reseau' && scopeRoll < 0.9) ||
      scopeRoll < 0.15
    ) {
      const departements = [dep.code];
      if (random.chance(0.08)) {
        const neighbour = random.pick(p.departements.filter((d) => d.region === dep.region && d.code !== dep.code));
        if (neighbour) departements.push(neighbour.code);
      }
      territory = { scope: 'departements', regions: [], departements, communes: [] };
    } else {
      territory = { scope: 'communes', regions: [], departements: [], communes: [home.code] };
    }

    // Sites: most actors have one, some two or three in the same département; a few are confidential.
    const local = p.byDepartement.get(home.departement) ?? p.all;
    const siteCount =
      territory.scope === 'national'
        ? random.chance(0.6)
          ? 1
          : 0
        : random.weighted([
            [1, 70],
            [2, 20],
            [3, 10],
          ] as const);
    const actions = pickWeighted(ACTIONS_BY_TYPE[type], random.int(1, 4), random).sort((a, b) => ACTIONS.indexOf(a) - ACTIONS.indexOf(b));
    const shelter = actions.includes('hebergement');
    const sites: SiteInput[] = [];
    for (let i = 0; i < siteCount; i++) {
      const commune = i === 0 ? home : drawCommune(local, random);
      sites.push(siteInput(commune, random, random.chance(shelter ? 0.12 : 0.02)));
      if (territory.scope === 'communes' && i > 0 && !territory.communes.includes(commune.code)) territory.communes.push(commune.code);
    }

    const publics = random
      .some(['jeunes', 'familles', 'professionnels'] as const, 1, 3)
      .sort((a, b) => PUBLIC_ORDER.indexOf(a) - PUBLIC_ORDER.indexOf(b));
    const domain = `acteur-${runId}-${n}.example`;
    const contacts: ContactInput[] = [];
    if (random.chance(0.9))
      contacts.push({ kind: 'phone', value: fictionPhone(random), label: 'Accueil', visibility: 'public', site: null });
    if (random.chance(0.6)) contacts.push({ kind: 'email', value: `contact@${domain}`, label: null, visibility: 'public', site: null });
    if (random.chance(0.5))
      contacts.push({ kind: 'website', value: `https://www.${domain}/`, label: 'Site web', visibility: 'public', site: null });
    if (random.chance(0.05))
      contacts.push({ kind: 'sms', value: fictionPhone(random, true), label: 'SMS', visibility: 'public', site: null });
    if (random.chance(0.03))
      contacts.push({ kind: 'chat', value: `https://tchat.${domain}/`, label: 'Tchat', visibility: 'public', site: null });
    if (random.chance(0.2))
      contacts.push({
        kind: 'phone',
        value: fictionPhone(random),
        label: 'Ligne des professionnels',
        visibility: 'professionnels',
        site: null,
      });
    sites.forEach((s, i) => {
      // The direct line of a confidential place: never public, whatever its visibility says.
      if (s.confidential)
        contacts.push({
          kind: 'phone',
          value: fictionPhone(random),
          label: 'Ligne directe du lieu',
          visibility: 'professionnels',
          site: i,
        });
    });

    const accepts = random.chance(0.5);
    yield {
      slug: `${slugify(name).slice(0, 90).replace(/-+$/, '')}-g${runId}-${n}`,
      name,
      type,
      description: describeActor(type, publics, actions, random),
      publics,
      actions,
      territory,
      languages: random.chance(0.85) ? ['fr'] : ['fr', ...random.some(LANGUAGES, 1, 2)],
      accepts_contact_requests: accepts,
      referent_email: accepts ? `referent@${domain}` : null,
      siret: null,
      sites,
      contacts,
      provenance: {
        source_url: null,
        last_verified_at: `${random.int(2023, 2025)}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`,
        verified_by: `Générateur PARÉ${GENERATED_SUFFIX}`,
      },
    };
  }
}

const PUBLIC_ORDER: readonly Public[] = ['jeunes', 'familles', 'professionnels'];
