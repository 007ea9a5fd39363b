/**
 * One label map for the entry form and every diff of it (history, submission review): a path of
 * the input form (`contacts.0.value`, `sites.1.opening_hours`) becomes the form's own French
 * label (« Téléphone — contact 1 », « Horaires — lieu 2 »), and a value is shown as the form
 * would show it (names of territories, labels of codes, « Oui »/« Non »), never as JSON.
 */
import { ACTION_LABELS, ACTOR_TYPE_LABELS, PUBLIC_LABELS, TERRITORY_SCOPE_LABELS } from '@pare/schema';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frEditor } from '../../i18n/fr.editor.ts';
import { placeName, type TerritoryListKind, useTerritoryNames } from './territory-names.ts';

const t = frAdmin.edit;
const f = frEditor.fields;

/** Top-level and grouped fields, by path: the labels the form shows. */
export const FIELD_LABELS: Record<string, string> = {
  name: t.name,
  slug: t.slug,
  type: t.type,
  description: t.description,
  publics: t.publics,
  actions: t.actions,
  territory: f.territory,
  'territory.scope': t.scope,
  'territory.regions': f.regions,
  'territory.departements': f.departements,
  'territory.communes': f.communes,
  languages: f.languages,
  accepts_contact_requests: t.acceptsRequests,
  referent_email: t.referentEmail,
  siret: t.siret,
  sites: f.sites,
  contacts: f.contacts,
  provenance: f.provenance,
  'provenance.source_url': t.sourceUrl,
  'provenance.last_verified_at': t.lastVerifiedAt,
  'provenance.verified_by': t.verifiedBy,
};

/** The fields of one site, as labelled in its block of the form. */
export const SITE_FIELD_LABELS: Record<string, string> = {
  label: t.siteLabel,
  address: t.address,
  postcode: t.postcode,
  commune_code: f.commune,
  lat: f.lat,
  lng: f.lng,
  confidential: f.confidential,
  opening_hours: t.openingHours,
  accessibility: t.accessibility,
  temporary_closures: 'Fermetures temporaires',
};

/** The fields of one closure of a site, as labelled in the closures editor. */
const CLOSURE_FIELD_LABELS: Record<string, string> = { starts_on: 'du', ends_on: 'au', message: 'message', closed: 'lieu fermé' };

/** The fields of one contact, as labelled in its block of the form. */
export const CONTACT_FIELD_LABELS: Record<string, string> = {
  kind: t.kind,
  value: t.value,
  label: t.contactLabel,
  visibility: t.visibility,
  site: t.contactSite,
  opening_hours: 'Horaires de la ligne',
};

type Snapshot = Record<string, unknown> | null | undefined;

function contactAt(snapshot: Snapshot, i: number): Record<string, unknown> | undefined {
  const list = snapshot?.contacts;
  const c = Array.isArray(list) ? list[i] : undefined;
  return typeof c === 'object' && c !== null ? (c as Record<string, unknown>) : undefined;
}

/**
 * The French label of a path. `context`: the entries around it (after, then before), so that a
 * contact's value is named by its kind: `contacts.0.value` → « Téléphone — contact 1 ».
 */
export function fieldLabel(path: string, ...context: Snapshot[]): string {
  const known = FIELD_LABELS[path];
  if (known) return known;
  const closure = /^sites\.(\d+)\.temporary_closures\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (closure) {
    const what = `Fermeture ${Number(closure[2]) + 1}${closure[3] ? ` : ${CLOSURE_FIELD_LABELS[closure[3]] ?? closure[3]}` : ''}`;
    return f.ofSite(what, Number(closure[1]) + 1);
  }
  const site = /^sites\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (site) {
    const n = Number(site[1]) + 1;
    return site[2] ? f.ofSite(SITE_FIELD_LABELS[site[2]] ?? site[2], n) : f.site(n);
  }
  const contact = /^contacts\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (contact) {
    const i = Number(contact[1]);
    if (!contact[2] || contact[2] === 'value') {
      // A contact, or its value, is named by its kind: « E-mail — contact 2 ».
      const kind = context.map((s) => contactAt(s, i)?.kind).find((k) => typeof k === 'string');
      const kindLabel = typeof kind === 'string' ? t.kinds[kind] : undefined;
      if (kindLabel) return f.ofContact(kindLabel, i + 1);
      if (!contact[2]) return f.contact(i + 1);
    }
    return f.ofContact(CONTACT_FIELD_LABELS[contact[2]] ?? contact[2], i + 1);
  }
  // A list item of a list field (`publics.0`): the list's label.
  const item = /^(.+)\.\d+$/.exec(path);
  const listLabel = item?.[1] ? FIELD_LABELS[item[1]] : undefined;
  return listLabel ?? path;
}

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

function Empty() {
  return <span className="admin-value admin-value--empty">{f.empty}</span>;
}

function TerritoryList({ kind, codes }: { kind: TerritoryListKind; codes: string[] }) {
  const names = useTerritoryNames(kind === 'communes' ? codes : []);
  return <p className="admin-value">{codes.map((c) => placeName(names, kind, c)).join(', ')}</p>;
}

function CommuneName({ code }: { code: string }) {
  const names = useTerritoryNames([code]);
  return <p className="admin-value">{placeName(names, 'communes', code)}</p>;
}

/** Fields of a group (a site, a contact, the territory) as a small list of « label : value ». */
function Group({ path, value }: { path: string; value: Record<string, unknown> }) {
  const entries = Object.entries(value).filter(([, v]) => !isEmpty(v) && v !== false);
  if (entries.length === 0) return <Empty />;
  return (
    <dl className="admin-value-group">
      {entries.map(([k, v]) => {
        const sub = `${path}.${k}`;
        const label = /^(sites|contacts)\.\d+$/.test(path)
          ? ((path.startsWith('sites') ? SITE_FIELD_LABELS[k] : CONTACT_FIELD_LABELS[k]) ?? k)
          : fieldLabel(sub);
        return (
          <div key={k}>
            <dt>{label}</dt>
            <dd>
              <FieldValue path={sub} value={v} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** A value of the input form at `path`, shown as the form shows it. */
export function FieldValue({ path, value }: { path: string; value: unknown }) {
  if (isEmpty(value)) return <Empty />;
  if (typeof value === 'boolean') return <p className="admin-value">{value ? frAdmin.common.yes : frAdmin.common.no}</p>;
  const territory = /^territory\.(regions|departements|communes)$/.exec(path);
  if (territory && Array.isArray(value)) return <TerritoryList kind={territory[1] as TerritoryListKind} codes={value.map(String)} />;
  if (/^sites\.\d+\.commune_code$/.test(path) && typeof value === 'string') return <CommuneName code={value} />;
  if (path === 'type' && typeof value === 'string')
    return <p className="admin-value">{ACTOR_TYPE_LABELS[value as keyof typeof ACTOR_TYPE_LABELS] ?? value}</p>;
  if (path === 'territory.scope' && typeof value === 'string')
    return <p className="admin-value">{TERRITORY_SCOPE_LABELS[value as keyof typeof TERRITORY_SCOPE_LABELS] ?? value}</p>;
  if ((path === 'publics' || path === 'actions') && Array.isArray(value)) {
    const labels: Record<string, string> = path === 'publics' ? PUBLIC_LABELS : ACTION_LABELS;
    return <p className="admin-value">{value.map((v) => labels[String(v)] ?? String(v)).join(', ')}</p>;
  }
  if (/^contacts\.\d+\.kind$/.test(path) && typeof value === 'string') return <p className="admin-value">{t.kinds[value] ?? value}</p>;
  if (/^contacts\.\d+\.visibility$/.test(path) && typeof value === 'string')
    return <p className="admin-value">{t.visibilities[value] ?? value}</p>;
  if (/^contacts\.\d+\.site$/.test(path))
    return <p className="admin-value">{typeof value === 'number' ? f.site(value + 1) : f.siteNone}</p>;
  if (typeof value === 'string') return <p className="admin-value">{value}</p>;
  if (typeof value === 'number') return <p className="admin-value">{value.toLocaleString('fr-FR', { maximumFractionDigits: 6 })}</p>;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return <p className="admin-value">{value.map(String).join(', ')}</p>;
    return (
      <ol className="admin-value-list">
        {value.map((v, i) => (
          <li key={i}>
            <FieldValue path={`${path}.${i}`} value={v} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') return <Group path={path} value={value as Record<string, unknown>} />;
  return <p className="admin-value">{String(value)}</p>;
}
