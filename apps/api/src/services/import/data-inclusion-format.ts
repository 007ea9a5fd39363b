/**
 * The data·inclusion import: one structure and its services (schema v1.0.8, as our export writes
 * them, see docs/open-data.md) read into an ActorPatch. The structure gives the name, description,
 * first phone, e-mail and website and the main place; its services give the actions (one service
 * per action), the audiences and the territory. data·inclusion has no actor type: a new actor
 * takes it from `reseaux_porteurs` (`departements` → service départemental) or from `?type=`.
 */
import { type ActorRecord, ANONYMOUS, publicView, sortKey } from '@pare/db';
import { getCommune, resolveCommune } from '@pare/geo';
import { ACTION_LABELS, ACTIONS, ACTOR_TYPES, type Action, type ActorType, PUBLIC_LABELS, PUBLICS, type Public } from '@pare/schema';
import {
  DATA_INCLUSION_SOURCE,
  diName,
  toDataInclusionServices,
  toDataInclusionStructure,
  zoneEligibilite,
} from '../open-data/data-inclusion.ts';
import { slugOfPageUrl } from './csv-format.ts';
import { type ActorPatch, emptyPatch, type FieldNames, type RowIdentity, type SitePatch } from './patch.ts';
import { foldText, padCommune, padDepartement, padPostcode, readHoursCell, regroupRegions } from './values.ts';

export const DI_FIELD_NAMES: FieldNames = {
  fields: {
    slug: 'lien_source',
    name: 'nom',
    type: 'type',
    description: 'description',
    publics: 'publics',
    actions: 'services',
    territory: 'zone_eligibilite',
    siret: 'siret',
  },
  site: {
    address: 'adresse',
    postcode: 'code_postal',
    commune_code: 'code_insee',
    lat: 'latitude',
    lng: 'longitude',
    opening_hours: 'horaires_accueil',
  },
  contacts: { phone: 'telephone', email: 'courriel', website: 'site_web' },
};

type Json = Record<string, unknown>;
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** A service of a data·inclusion file: the fields the import reads. */
export type DiService = Json & { id?: unknown; structure_id?: unknown; nom?: unknown };

export const isDiService = (v: unknown): v is DiService => typeof v === 'object' && v !== null && !Array.isArray(v) && 'structure_id' in v;

const ACTION_BY_LABEL = new Map<string, Action>(
  ACTIONS.flatMap((a) => [[foldText(ACTION_LABELS[a]), a] as const, [foldText(a), a] as const]),
);
const PUBLIC_BY_LABEL = new Map<string, Public>(PUBLICS.map((p) => [foldText(PUBLIC_LABELS[p]), p] as const));

/** One structure with its services, read lazily as the CSV rows are. */
export class DataInclusionRow {
  readonly names = DI_FIELD_NAMES;

  constructor(
    readonly line: number,
    private readonly structure: Json,
    private readonly services: DiService[],
    private readonly options: { defaultType?: ActorType | undefined },
  ) {}

  /** Ours (`source: pare`): its id is our actor id and its link names our slug. */
  private get ours(): boolean {
    return this.structure.source === DATA_INCLUSION_SOURCE;
  }

  identity(): RowIdentity {
    const s = this.structure;
    const id = this.ours ? /^pare--(\d{1,12})$/.exec(String(s.id ?? '')) : null;
    const slug = this.ours ? slugOfPageUrl(String(s.lien_source ?? '')) : null;
    const siret = text(s.siret)?.replace(/\s/g, '') ?? null;
    return {
      slug,
      externalId: id?.[1] ? Number(id[1]) : null,
      exportedSlug: slug,
      siret,
      name: text(s.nom)?.trim() ?? null,
      commune: this.commune(),
    };
  }

  sameName(existingName: string): boolean {
    const nom = String(this.structure.nom ?? '');
    return sortKey(existingName) === sortKey(nom) || diName(existingName, '') === nom;
  }

  private commune(): string | null {
    const s = this.structure;
    const code = text(s.code_insee);
    if (code) return padCommune(code);
    const postcode = text(s.code_postal);
    const name = text(s.commune);
    const found =
      postcode || name
        ? resolveCommune({ ...(postcode ? { postcode: padPostcode(postcode) } : {}), ...(name ? { name } : {}) })
        : undefined;
    return found?.code ?? null;
  }

  patch(existing: ActorRecord | null): ActorPatch {
    const patch = emptyPatch();
    const s = this.structure;
    const view = existing ? publicView(existing, ANONYMOUS) : null;
    const exported = view ? (toDataInclusionStructure(view, '') as unknown as Json) : null;
    // A field equal to what our export writes for the entry changes nothing (the export is lossy:
    // a long name is cut, a short description left out, only the first phone given…).
    const changed = (...keys: string[]) => !exported || keys.some((k) => !sameJson(s[k], exported[k]));

    if (changed('nom')) patch.fields.name = s.nom;
    if (changed('description')) patch.fields.description = text(s.description) ?? '';
    if (changed('telephone')) patch.contacts.phone = { values: text(s.telephone) ? [String(s.telephone)] : [], firstOnly: true };
    if (changed('courriel')) patch.contacts.email = { values: text(s.courriel) ? [String(s.courriel)] : [], firstOnly: true };
    if (changed('site_web')) patch.contacts.website = { values: text(s.site_web) ? [String(s.site_web)] : [], firstOnly: true };
    if (changed('adresse', 'code_postal', 'code_insee', 'commune', 'latitude', 'longitude')) this.readPlace(patch);
    if (changed('horaires_accueil')) {
      const { hours, warning } = readHoursCell(text(s.horaires_accueil) ?? '');
      patch.mainSiteHours = hours;
      if (warning) patch.warnings.push(warning);
    }
    const siret = text(s.siret)?.replace(/\s/g, '');
    if (siret && siret !== existing?.siret) patch.fields.siret = siret;

    const networks = strings(s.reseaux_porteurs);
    if (networks.includes('departements') && changed('reseaux_porteurs')) patch.fields.type = 'service-departemental';
    else if (!existing) {
      if (this.options.defaultType) patch.fields.type = this.options.defaultType;
      else {
        patch.issues.push({
          field: 'type',
          message: `data·inclusion ne dit pas le type d’acteur : indiquez celui des nouveaux acteurs (?type=<code>, ou --type en ligne de commande) ; valeurs possibles ${ACTOR_TYPES.join(', ')}`,
        });
      }
    }

    if (this.services.length > 0)
      this.readServices(patch, view ? toDataInclusionServices(view, '') : null, existing, view ? zoneEligibilite(view) : null);
    else if (!existing) {
      patch.issues.push({
        field: 'services',
        message:
          'Aucun service pour cette structure : les publics, actions et territoire d’un nouvel acteur viennent de ses services (envoyez {"structures": […], "services": […]})',
      });
    }
    return patch;
  }

  /**
   * The main place. A commune with no address, postcode nor coordinates is what our export gives
   * for an actor whose sites are all confidential: a new actor gets a confidential site there
   * (the public sees the commune only, never more than the file said).
   */
  private readPlace(patch: ActorPatch): void {
    const s = this.structure;
    const address = text(s.adresse)?.trim() ?? null;
    const postcode = text(s.code_postal) ? padPostcode(String(s.code_postal)) : null;
    const communeCode = this.commune();
    let lat = num(s.latitude);
    let lng = num(s.longitude);
    if (!address && !postcode && lat === null && lng === null) {
      patch.mainSite = null;
      patch.confidentialCommune = communeCode;
      return;
    }
    if (!communeCode && text(s.commune)) {
      patch.issues.push({
        field: 'commune',
        message: `Commune introuvable « ${String(s.commune).slice(0, 80)} » : indiquez son code INSEE (code_insee)`,
      });
    }
    // Coordinates at the commune's centre are not the address's own: placed again from the commune.
    const commune = communeCode ? getCommune(communeCode) : undefined;
    if (commune && lat !== null && lng !== null && Math.abs(commune.lat - lat) < 1e-6 && Math.abs(commune.lng - lng) < 1e-6) {
      lat = null;
      lng = null;
    }
    const site: SitePatch = { address, postcode, commune_code: communeCode, lat, lng };
    patch.mainSite = site;
  }

  private readServices(patch: ActorPatch, exported: DiService[] | null, existing: ActorRecord | null, exportedZone: string[] | null): void {
    const structureId = String(this.structure.id ?? '');
    const actions: Action[] = [];
    for (const service of this.services) {
      const fromId = this.ours
        ? new RegExp(`^${structureId.replace(/[-]/g, '\\-')}--([a-z-]+)$`).exec(String(service.id ?? ''))?.[1]
        : undefined;
      const action = (ACTIONS as readonly string[]).includes(fromId ?? '')
        ? (fromId as Action)
        : ACTION_BY_LABEL.get(foldText(String(service.nom ?? '')));
      if (!action) {
        patch.issues.push({
          field: 'services',
          message: `Service « ${String(service.nom ?? service.id ?? '?').slice(0, 80)} » : aucune action PARÉ ne correspond (noms attendus : ${ACTIONS.map((a) => ACTION_LABELS[a]).join(', ')})`,
        });
      } else if (!actions.includes(action)) actions.push(action);
    }
    if (!existing || !sameSet(actions, existing.actions)) patch.fields.actions = actions;

    const first = this.services[0] as DiService;
    const before = exported?.[0];
    if (!before || !sameJson(first.publics, before.publics) || !sameJson(first.publics_precisions, before.publics_precisions)) {
      // Our own labels (« Jeunes, Familles et proches, Professionnels ») say all three; otherwise the data·inclusion list.
      const labels = String(first.publics_precisions ?? '')
        .split(',')
        .map((l) => PUBLIC_BY_LABEL.get(foldText(l)));
      const publics =
        labels.length > 0 && labels.every((p) => p !== undefined)
          ? (labels as Public[])
          : strings(first.publics).filter((p): p is Public => p === 'jeunes' || p === 'familles');
      if (!existing || !sameSet(publics, existing.publics)) patch.fields.publics = [...new Set(publics)];
    }

    const zone = strings(first.zone_eligibilite);
    if (!exportedZone || !sameSet(zone, exportedZone)) {
      if (zone.includes('france') || zone.length === 0) {
        patch.fields.territory = { scope: 'national', regions: [], departements: [], communes: [] };
      } else {
        const communes = zone.filter((z) => /^(\d{5}|2[AB]\d{3})$/i.test(z)).map(padCommune);
        const grouped = regroupRegions(zone.filter((z) => !communes.includes(padCommune(z))).map(padDepartement));
        const scope = grouped.regions.length > 0 ? 'regions' : grouped.departements.length > 0 ? 'departements' : 'communes';
        patch.fields.territory = { scope, regions: grouped.regions, departements: grouped.departements, communes };
      }
    }
  }
}
