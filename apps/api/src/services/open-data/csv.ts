/** The CSV export: one row per published actor, made from its public view only. */
import type { PublicActor } from '@pare/schema';
import { stringify } from 'csv-stringify/sync';
import { actorPageUrl, contactValues, type OpenDataDeps, publicSites, publishedActorBatches } from './public-actors.ts';

/** Several values in one cell (codes, phone numbers) are joined with this, whatever the separator. */
export const CSV_LIST_SEPARATOR = '|';

type CsvValue = string | number | null;

/** The columns, in order, with how each is read from the public view. Documented in docs/open-data.md. */
const COLUMNS: readonly [header: string, value: (a: PublicActor, origin: string) => CsvValue][] = [
  ['id', (a) => a.id],
  ['slug', (a) => a.slug],
  ['nom', (a) => a.name],
  ['type', (a) => a.type],
  ['description', (a) => a.description],
  ['publics', (a) => list(a.publics)],
  ['actions', (a) => list(a.actions)],
  ['territoire', (a) => a.territory.scope],
  ['regions', (a) => list(a.territory.regions.map((r) => r.code))],
  ['departements', (a) => list(a.territory.departements.map((d) => d.code))],
  ['communes', (a) => list(a.territory.communes.map((c) => c.code))],
  ['telephone', (a) => list(contactValues(a, 'phone'))],
  ['sms', (a) => list(contactValues(a, 'sms'))],
  ['email', (a) => list(contactValues(a, 'email'))],
  ['site_web', (a) => list(contactValues(a, 'website'))],
  ['tchat', (a) => list(contactValues(a, 'chat'))],
  // The main public site: the first site that is not confidential. A confidential site gives none of these.
  ['adresse', (a) => publicSites(a)[0]?.address ?? null],
  ['code_postal', (a) => publicSites(a)[0]?.postcode ?? null],
  ['commune_du_lieu', (a) => publicSites(a)[0]?.commune?.name ?? null],
  ['code_commune_du_lieu', (a) => publicSites(a)[0]?.commune?.code ?? null],
  ['latitude', (a) => publicSites(a)[0]?.lat ?? null],
  ['longitude', (a) => publicSites(a)[0]?.lng ?? null],
  ['precision_coordonnees', (a) => publicSites(a)[0]?.precision ?? null],
  // OSM syntax (https://wiki.openstreetmap.org/wiki/Key:opening_hours), as data·inclusion's horaires_accueil.
  ['horaires', (a) => publicSites(a)[0]?.opening_hours ?? null],
  ['nombre_lieux_publics', (a) => publicSites(a).length],
  ['lieu_confidentiel', (a) => (a.sites.some((s) => s.confidential) ? 'oui' : 'non')],
  ['langues', (a) => list(a.languages)],
  ['accepte_demandes_de_contact', (a) => (a.accepts_contact_requests ? 'oui' : 'non')],
  ['url', (a, origin) => actorPageUrl(origin, a.slug)],
  ['source', (a) => a.provenance.source_url],
  ['verifie_le', (a) => a.provenance.last_verified_at],
  ['verifie_par', (a) => a.provenance.verified_by],
  ['mis_a_jour_le', (a) => a.updated_at],
];

export const CSV_HEADERS: readonly string[] = COLUMNS.map(([h]) => h);

function list(values: readonly string[]): string | null {
  return values.length > 0 ? values.join(CSV_LIST_SEPARATOR) : null;
}

/**
 * A cell a spreadsheet could read as a formula after a line break: csv-stringify's
 * `escape_formulas` looks at a cell's first character only, and a spreadsheet that splits a
 * cell on its line breaks (or a reader that does not honour quotes) sees `=cmd|…` start a row.
 * Every line of a text cell that starts like a formula gets the same `'` prefix.
 */
const FORMULA_AFTER_BREAK = /([\r\n])(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/g;

export function neutraliseLineFormulas(value: CsvValue): CsvValue {
  return typeof value === 'string' ? value.replace(FORMULA_AFTER_BREAK, "$1'") : value;
}

/** One CSV record (column order of CSV_HEADERS) for an actor's public view. */
export function actorToCsvRecord(actor: PublicActor, origin: string): CsvValue[] {
  return COLUMNS.map(([, value]) => neutraliseLineFormulas(value(actor, origin)));
}

export type CsvOptions = { origin: string; delimiter: ',' | ';'; batchSize?: number };

/**
 * The CSV text, batch by batch: UTF-8 with a BOM (so spreadsheets read the accents), a header
 * row, CRLF line ends (RFC 4180). csv-stringify quotes (every cell holding CR or LF included),
 * and with `escape_formulas` prefixes with `'` every text cell starting with `=`, `+`, `-`, `@`,
 * tab or CR (and their full-width forms); neutraliseLineFormulas does the same after every line
 * break inside a cell, so a spreadsheet shows a hostile name instead of running it. Numbers (a
 * negative longitude) are left as numbers.
 */
export function* actorsCsvChunks(deps: OpenDataDeps, options: CsvOptions): Generator<string> {
  // Every cell holding CR or LF is quoted: csv-stringify quotes on the record delimiter (CRLF)
  // only, and a lone LF left bare starts a new row in most readers.
  const base = { delimiter: options.delimiter, record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ } as const;
  yield stringify([CSV_HEADERS as string[]], { ...base, bom: true });
  for (const batch of publishedActorBatches(deps, options.batchSize)) {
    yield stringify(
      batch.map((a) => actorToCsvRecord(a, options.origin)),
      base,
    );
  }
}
