/**
 * The CSV import: the columns of our CSV export (docs/open-data.md), under their names or the
 * names people give them in a hand-made file, read into an ActorPatch. A column that is absent
 * leaves the field as it is; a column that is present and empty clears it.
 */
import { type ActorRecord, ANONYMOUS, publicView, sortKey } from '@pare/db';
import { resolveCommune } from '@pare/geo';
import {
  ACTION_LABELS,
  ACTIONS,
  ACTOR_TYPE_LABELS,
  ACTOR_TYPES,
  type ActorType,
  type ContactKind,
  PUBLIC_LABELS,
  PUBLICS,
  TERRITORY_SCOPE_LABELS,
  TERRITORY_SCOPES,
  type TerritoryScope,
} from '@pare/schema';
import { actorToCsvRecord, CSV_HEADERS } from '../open-data/csv.ts';
import { type ActorPatch, emptyPatch, type FieldNames, type RowIdentity, type SitePatch } from './patch.ts';
import { ImportFileError } from './source.ts';
import {
  exportedCell,
  foldText,
  padCommune,
  padDepartement,
  padPostcode,
  parseBoolean,
  parseCodes,
  parseDate,
  parseNumber,
  type RowIssue,
  readHoursCell,
  splitList,
  unescapeCell,
} from './values.ts';

/** The columns the import reads: those of our export, plus SIRET and referent e-mail for hand-made files. */
export const CSV_IMPORT_COLUMNS = [...CSV_HEADERS, 'siret', 'email_referent'] as const;
type Column = (typeof CSV_IMPORT_COLUMNS)[number] | string;

/** Other names a spreadsheet may give a column (compared without accents, case or punctuation). */
const ALIASES: Record<string, Column> = {
  name: 'nom',
  nom_de_la_structure: 'nom',
  structure: 'nom',
  raison_sociale: 'nom',
  type_d_acteur: 'type',
  type_de_structure: 'type',
  public: 'publics',
  portee: 'territoire',
  territoire_couvert: 'territoire',
  scope: 'territoire',
  region: 'regions',
  departement: 'departements',
  commune_s: 'communes',
  telephones: 'telephone',
  tel: 'telephone',
  phone: 'telephone',
  courriel: 'email',
  courriels: 'email',
  e_mail: 'email',
  mail: 'email',
  site: 'site_web',
  site_internet: 'site_web',
  website: 'site_web',
  chat: 'tchat',
  address: 'adresse',
  cp: 'code_postal',
  postcode: 'code_postal',
  commune: 'commune_du_lieu',
  ville: 'commune_du_lieu',
  code_insee: 'code_commune_du_lieu',
  code_commune: 'code_commune_du_lieu',
  insee: 'code_commune_du_lieu',
  lat: 'latitude',
  lng: 'longitude',
  lon: 'longitude',
  horaires_accueil: 'horaires',
  heures_d_ouverture: 'horaires',
  opening_hours: 'horaires',
  langue: 'langues',
  languages: 'langues',
  source_url: 'source',
  derniere_verification: 'verifie_le',
  referent_email: 'email_referent',
  courriel_referent: 'email_referent',
};

const KNOWN = new Set<string>(CSV_IMPORT_COLUMNS);

export type CsvHeader = { columns: Map<Column, number>; width: number; ignored: string[] };

const headerKey = (h: string) => foldText(h).replace(/ /g, '_');

/** Reads the header row; a file without a `nom` column is not a file of actors (400). */
export function readCsvHeader(cells: string[]): CsvHeader {
  const columns = new Map<Column, number>();
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    const key = headerKey(cell);
    const column = KNOWN.has(key) ? key : ALIASES[key];
    if (!column) {
      if (cell.trim()) ignored.push(cell.trim().slice(0, 80));
      return;
    }
    if (columns.has(column)) {
      throw new ImportFileError(`La colonne « ${column} » apparaît deux fois dans la première ligne : gardez-en une seule.`);
    }
    columns.set(column, i);
  });
  if (!columns.has('nom')) {
    throw new ImportFileError(
      'Colonne « nom » introuvable dans la première ligne : ce fichier ne ressemble pas à une liste d’acteurs. ' +
        'La première ligne doit nommer les colonnes, comme l’export CSV (id, slug, nom, type, publics, actions, territoire…).',
    );
  }
  return { columns, width: cells.length, ignored };
}

export const CSV_FIELD_NAMES: FieldNames = {
  fields: {
    slug: 'slug',
    name: 'nom',
    type: 'type',
    description: 'description',
    publics: 'publics',
    actions: 'actions',
    territory: 'territoire',
    'territory.scope': 'territoire',
    'territory.regions': 'regions',
    'territory.departements': 'departements',
    'territory.communes': 'communes',
    languages: 'langues',
    accepts_contact_requests: 'accepte_demandes_de_contact',
    referent_email: 'email_referent',
    siret: 'siret',
    'provenance.source_url': 'source',
    'provenance.last_verified_at': 'verifie_le',
    'provenance.verified_by': 'verifie_par',
  },
  site: {
    address: 'adresse',
    postcode: 'code_postal',
    commune_code: 'code_commune_du_lieu',
    lat: 'latitude',
    lng: 'longitude',
    opening_hours: 'horaires',
  },
  contacts: { phone: 'telephone', sms: 'sms', email: 'email', website: 'site_web', chat: 'tchat' },
};

const TYPE_ALIASES: Record<string, ActorType> = {
  ase: 'service-departemental',
  crip: 'service-departemental',
  'conseil departemental': 'service-departemental',
  pjj: 'service-etat',
  ars: 'service-etat',
  mda: 'maison-ados',
  'maison des adolescents': 'maison-ados',
  police: 'forces-ordre',
  gendarmerie: 'forces-ordre',
  hopital: 'sante',
  'ligne d ecoute': 'ligne-ecoute',
  collectif: 'reseau',
};
const SCOPE_ALIASES: Record<string, TerritoryScope> = {
  france: 'national',
  nationale: 'national',
  'france entiere': 'national',
  region: 'regions',
  departement: 'departements',
  commune: 'communes',
  local: 'communes',
};

/** The groups of columns that change one part of an entry together. */
const GROUPS = {
  territory: ['territoire', 'regions', 'departements', 'communes'],
  site: ['adresse', 'code_postal', 'commune_du_lieu', 'code_commune_du_lieu', 'latitude', 'longitude', 'precision_coordonnees'],
} as const;
const CONTACT_COLUMNS: [ContactKind, string][] = [
  ['phone', 'telephone'],
  ['sms', 'sms'],
  ['email', 'email'],
  ['website', 'site_web'],
  ['chat', 'tchat'],
];

/** The slug in a link to an actor's public page (`…/acteurs/<slug>`), as our exports write it. */
export function slugOfPageUrl(url: string): string | null {
  const found = /\/acteurs\/([^/?#]+)\/?$/.exec(url.trim());
  if (!found?.[1]) return null;
  try {
    return decodeURIComponent(found[1]).toLowerCase();
  } catch {
    return null;
  }
}

/** One data row of a CSV file, read lazily: identity first, the patch once the entry is known. */
export class CsvRow {
  readonly names = CSV_FIELD_NAMES;

  constructor(
    readonly line: number,
    private readonly cells: string[],
    private readonly header: CsvHeader,
  ) {}

  /** A row whose cells do not line up with the header: rejected before anything else. */
  brokenIssues(endLine: number): RowIssue[] | null {
    const { width } = this.header;
    const extraEmpty = this.cells.length > width && this.cells.slice(width).every((c) => c.trim() === '');
    if (this.cells.length === width || extraEmpty) return null;
    const spread = endLine > this.line ? ` ; elle court des lignes ${this.line} à ${endLine} : un guillemet est sans doute mal fermé` : '';
    return [{ field: 'ligne', message: `La ligne a ${this.cells.length} colonne(s) au lieu de ${width}${spread}.` }];
  }

  private has(column: Column): boolean {
    return this.header.columns.has(column);
  }

  /** The raw cell, as in the file. */
  private raw(column: Column): string {
    const i = this.header.columns.get(column);
    return i === undefined ? '' : (this.cells[i] ?? '');
  }

  /** The value: the export's formula escape taken off. */
  private get(column: Column): string {
    return unescapeCell(this.raw(column));
  }

  identity(): RowIdentity {
    const slug = this.get('slug').trim().toLowerCase();
    const id = this.get('id').trim();
    const siret = this.get('siret').replace(/\s/g, '');
    const name = this.get('nom').trim();
    return {
      slug: slug || null,
      externalId: /^\d{1,12}$/.test(id) ? Number(id) : null,
      exportedSlug: slugOfPageUrl(this.get('url')),
      siret: siret || null,
      name: name || null,
      commune: this.commune(),
    };
  }

  /** An id found in the file names the same entry only if the names agree (a file from another directory has other ids). */
  sameName(existingName: string): boolean {
    return sortKey(existingName) === sortKey(this.get('nom'));
  }

  private commune(): string | null {
    const code = padCommune(this.get('code_commune_du_lieu'));
    if (code) return code;
    const postcode = padPostcode(this.get('code_postal'));
    const name = this.get('commune_du_lieu').trim();
    if (postcode || name) {
      const found = resolveCommune({ ...(postcode ? { postcode } : {}), ...(name ? { name } : {}) });
      if (found) return found.code;
    }
    const first = splitList(this.get('communes'))[0];
    return first ? padCommune(first) : null;
  }

  /**
   * The patch over `existing` (null for a new entry). A group of cells equal to what our export
   * writes for the entry changes nothing: re-importing an export is a no-op even where the CSV
   * is lossy (a site located by postcode, a `'` before a text).
   */
  patch(existing: ActorRecord | null): ActorPatch {
    const patch = emptyPatch();
    let exported: Map<string, string> | null = null;
    if (existing) {
      const record = actorToCsvRecord(publicView(existing, ANONYMOUS), '');
      exported = new Map(CSV_HEADERS.map((h, i) => [h, exportedCell(record[i])]));
    }
    const present = (columns: readonly string[]) => columns.some((c) => this.has(c));
    const changed = (columns: readonly string[]) =>
      present(columns) && (!exported || columns.some((c) => this.has(c) && this.raw(c) !== (exported?.get(c) ?? '')));
    const issues = patch.issues;

    if (changed(['nom'])) patch.fields.name = this.get('nom');
    if (changed(['description'])) patch.fields.description = this.get('description');
    if (changed(['type'])) {
      const values = splitList(this.get('type'), /[|;\n]/);
      const { codes, issues: found } = parseCodes('type', values, ACTOR_TYPES, ACTOR_TYPE_LABELS, TYPE_ALIASES);
      issues.push(...found);
      if (values.length === 0) issues.push({ field: 'type', message: `Le type est requis : valeurs possibles ${ACTOR_TYPES.join(', ')}` });
      else if (codes.length > 1) issues.push({ field: 'type', message: 'Un seul type par acteur' });
      else if (codes[0]) patch.fields.type = codes[0];
    }
    if (changed(['publics'])) {
      const { codes, issues: found } = parseCodes('publics', splitList(this.get('publics')), PUBLICS, PUBLIC_LABELS);
      issues.push(...found);
      patch.fields.publics = codes;
    }
    if (changed(['actions'])) {
      const { codes, issues: found } = parseCodes('actions', splitList(this.get('actions')), ACTIONS, ACTION_LABELS);
      issues.push(...found);
      patch.fields.actions = codes;
    }
    if (changed(GROUPS.territory)) this.readTerritory(patch);
    for (const [kind, column] of CONTACT_COLUMNS) {
      if (!changed([column])) continue;
      // Web addresses may hold `,` or `;`: only `|` and line breaks separate them.
      const separators = kind === 'website' || kind === 'chat' ? /[|\n]/ : /[|;,\n]/;
      patch.contacts[kind] = { values: splitList(this.get(column), separators), firstOnly: false };
    }
    if (changed(GROUPS.site)) patch.mainSite = this.readSite(issues);
    if (changed(['horaires'])) {
      const { hours, warning } = readHoursCell(this.get('horaires'));
      patch.mainSiteHours = hours;
      if (warning) patch.warnings.push(warning);
    }
    if (!existing && this.get('lieu_confidentiel').trim().toLowerCase() === 'oui') {
      patch.warnings.push('Le CSV ne décrit pas les lieux confidentiels : ajoutez celui de cet acteur dans sa fiche.');
    }
    const publicSites = Number(this.get('nombre_lieux_publics'));
    if (!existing && publicSites > 1) {
      patch.warnings.push(
        `Seul le lieu principal est dans le CSV : les ${publicSites - 1} autre(s) lieu(x) public(s) sont à ajouter dans la fiche.`,
      );
    }
    if (changed(['langues'])) patch.fields.languages = splitList(this.get('langues')).map((l) => l.toLowerCase());
    if (changed(['accepte_demandes_de_contact'])) {
      const parsed = parseBoolean('accepte_demandes_de_contact', this.get('accepte_demandes_de_contact'));
      if ('issue' in parsed) issues.push(parsed.issue);
      else patch.fields.accepts_contact_requests = parsed.value;
    }
    if (changed(['source'])) patch.provenance.source_url = this.get('source').trim() || null;
    if (changed(['verifie_le'])) patch.provenance.last_verified_at = parseDate(this.get('verifie_le')) || null;
    if (changed(['verifie_par'])) patch.provenance.verified_by = this.get('verifie_par').trim() || null;
    // Not in the export (private): compared with the entry itself.
    if (this.has('siret')) {
      const siret = this.get('siret').replace(/\s/g, '') || null;
      if (siret !== (existing?.siret ?? null)) patch.fields.siret = siret;
    }
    if (this.has('email_referent')) {
      const email = this.get('email_referent').trim() || null;
      if (email !== (existing?.referentEmail ?? null)) patch.fields.referent_email = email;
    }
    return patch;
  }

  private readTerritory(patch: ActorPatch): void {
    const regions = splitList(this.get('regions')).map((r) => (/^\d$/.test(r) ? `0${r}` : r));
    const departements = splitList(this.get('departements')).map(padDepartement);
    const communes = splitList(this.get('communes')).map(padCommune);
    const scopeCell = this.get('territoire').trim();
    let scope: TerritoryScope | undefined;
    if (scopeCell) {
      const { codes, issues } = parseCodes('territoire', [scopeCell], TERRITORY_SCOPES, TERRITORY_SCOPE_LABELS, SCOPE_ALIASES);
      patch.issues.push(...issues);
      scope = codes[0];
      if (!scope) return;
    } else {
      // Left empty in a hand-made file: the widest list given says it; nothing given is not « national ».
      scope = regions.length > 0 ? 'regions' : departements.length > 0 ? 'departements' : communes.length > 0 ? 'communes' : undefined;
      if (!scope) {
        patch.issues.push({ field: 'territoire', message: `Territoire requis : valeurs possibles ${TERRITORY_SCOPES.join(', ')}` });
        return;
      }
    }
    patch.fields.territory = { scope, regions, departements, communes };
  }

  /** The main public site from its columns; null when they are all empty. */
  private readSite(issues: RowIssue[]): SitePatch | null {
    const address = this.get('adresse').trim() || null;
    const postcode = padPostcode(this.get('code_postal')) || null;
    let communeCode = padCommune(this.get('code_commune_du_lieu')) || null;
    const communeName = this.get('commune_du_lieu').trim() || null;
    const lat = parseNumber('latitude', this.get('latitude'));
    const lng = parseNumber('longitude', this.get('longitude'));
    if ('issue' in lat) issues.push(lat.issue);
    if ('issue' in lng) issues.push(lng.issue);
    let point = { lat: 'value' in lat ? lat.value : null, lng: 'value' in lng ? lng.value : null };
    if (!address && !postcode && !communeCode && !communeName && point.lat === null && point.lng === null) return null;
    if (!communeCode && communeName) {
      const found = resolveCommune({ ...(postcode ? { postcode } : {}), name: communeName });
      if (found) communeCode = found.code;
      else {
        issues.push({
          field: 'commune_du_lieu',
          message: `Commune introuvable « ${communeName.slice(0, 80)} »${postcode ? ` avec le code postal ${postcode}` : ''} : indiquez son code INSEE (code_commune_du_lieu)`,
        });
      }
    }
    // The export's coordinates are those of the commune's centre unless typed for the address:
    // only `address` ones are kept, the others are placed again from the commune or postcode.
    const precision = this.get('precision_coordonnees').trim().toLowerCase();
    if (precision && precision !== 'address') point = { lat: null, lng: null };
    if (precision === 'postcode' && postcode) communeCode = null;
    return { address, postcode, commune_code: communeCode, ...point };
  }
}
