/**
 * The entry form: every field of an actor, its sites (place box → commune centre → a small map
 * to adjust the pin) and contacts (with who may see them). Errors come from the shared schema as
 * one types, and from the API's `issues` after saving, both shown on the field.
 */
import { ACTION_LABELS, ACTOR_TYPE_LABELS, CONTACT_KINDS, CONTACT_VISIBILITIES, PUBLIC_LABELS, TERRITORY_SCOPE_LABELS } from '@pare/schema';
import { lazy, Suspense, useState } from 'react';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frEditor } from '../../i18n/fr.editor.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { ProContactOnConfidentialSite } from '../account/pro-contact-warning.tsx';
import { ClosuresEditor, HoursEditor } from '../hours/hours-editor.tsx';
import { PlaceCombobox, postcodeOf, suggestionLabel } from '../territories/place-combobox.tsx';
import { type ActorDraft, type ContactDraft, emptyContact, emptySite, type SiteDraft } from './actor-draft.ts';
import { CONTACT_FIELD_LABELS, FIELD_LABELS, SITE_FIELD_LABELS } from './field-labels.tsx';
import { Checkbox, CheckboxGroup, FieldError, SelectField, TextArea, TextField } from './fields.tsx';
import { geocode } from './queries.ts';
import { placeName, useTerritoryNames } from './territory-names.ts';
import { TerritoryPicker } from './territory-picker.tsx';

/** The département of an INSEE commune code (97x overseas: three characters). */
const departementOfCommune = (code: string): string | null => (code.length === 5 ? code.slice(0, code.startsWith('97') ? 3 : 2) : null);

const SitePinMap = lazy(() => import('./site-pin-map.tsx'));

const t = frAdmin.edit;
const fe = frEditor.form;

/** The id of a field's input, from its path: `sites.0.postcode` → `af-sites-0-postcode` (the error summary links to it). */
export const fieldId = (path: string) => `af-${path.replace(/\./g, '-')}`;

export type ActorFormProps = {
  draft: ActorDraft;
  onChange: (d: ActorDraft) => void;
  /** Errors to show at a path (the parent decides: touched, submitted, from the API). */
  errorsFor: (path: string) => string[];
  onTouch: (path: string) => void;
};

/** The site's commune, by name: set by the place box above (no INSEE code to type). */
function CommuneReadout({ id, code, errors }: { id: string; code: string; errors: string[] }) {
  const names = useTerritoryNames(code ? [code] : []);
  return (
    <div className="field">
      <p className="field__label" id={`${id}-label`}>
        {SITE_FIELD_LABELS.commune_code}
      </p>
      <output id={id} className="admin-value" aria-labelledby={`${id}-label`} aria-describedby={errors.length ? `${id}-error` : undefined}>
        {code ? placeName(names, 'communes', code) : frEditor.fields.empty}
      </output>
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

/** The button that removes a row of the form (a site, a contact), named with its position. */
function RemoveRowButton({ what, onRemove }: { what: string; onRemove: () => void }) {
  return (
    <p>
      <button type="button" className="button button--link" onClick={onRemove}>
        {frAdmin.common.remove} ({what})
      </button>
    </p>
  );
}

function SiteEditor({
  index,
  site,
  update,
  remove,
  errorsFor,
  onTouch,
}: {
  index: number;
  site: SiteDraft;
  update: (s: SiteDraft) => void;
  remove: () => void;
  errorsFor: (p: string) => string[];
  onTouch: (p: string) => void;
}) {
  const base = `sites.${index}`;
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const point = site.lat !== null && site.lng !== null ? { lat: site.lat, lng: site.lng } : site.center;

  async function locate(commune: string, postcode: string) {
    if (!commune && !postcode) return;
    setLocating(true);
    setGeoError(null);
    try {
      const r = await geocode({
        commune: commune || undefined,
        postcode: postcode || undefined,
        // Used only when the server has an address geocoder configured (PARE_GEOCODER_URL).
        address: site.address.trim().length >= 3 ? site.address.trim() : undefined,
      });
      const found = r.precision === 'address' && site.lat === null && site.lng === null;
      update({
        ...site,
        commune_code: r.commune.code,
        postcode: postcode || (r.commune.postcodes.length === 1 ? (r.commune.postcodes[0] ?? '') : ''),
        center: { lat: r.lat, lng: r.lng },
        ...(found ? { lat: r.lat, lng: r.lng } : {}),
      });
    } catch (err) {
      setGeoError(err instanceof ApiRequestError ? (err.issues[0]?.message ?? err.message) : frAdmin.common.genericError);
    } finally {
      setLocating(false);
    }
  }

  const field = (key: keyof SiteDraft & string, label: string, hint?: string) => (
    <TextField
      id={fieldId(`${base}.${key}`)}
      label={label}
      hint={hint}
      value={String(site[key] ?? '')}
      errors={errorsFor(`${base}.${key}`)}
      onChange={(v) => update({ ...site, [key]: v })}
      onBlur={() => onTouch(`${base}.${key}`)}
    />
  );

  return (
    <fieldset>
      <legend>{t.site(index + 1)}</legend>
      <div className="field">
        <label htmlFor={fieldId(`${base}.place`)}>{t.findPlace}</label>
        <p id={`${fieldId(`${base}.place`)}-hint`} className="field__hint">
          {t.findPlaceHint}
        </p>
        <PlaceCombobox
          id={fieldId(`${base}.place`)}
          value={site.place}
          describedBy={`${fieldId(`${base}.place`)}-hint`}
          onChange={(text) => update({ ...site, place: text })}
          onPick={(s) => {
            const label = suggestionLabel(s);
            if (s.kind === 'commune') {
              update({
                ...site,
                place: label,
                commune_code: s.code,
                postcode: s.postcodes.length === 1 ? (s.postcodes[0] ?? '') : site.postcode,
                lat: null,
                lng: null,
              });
              void locate(s.code, '');
            } else if (s.kind === 'postcode') {
              // `code` is the INSEE code of the commune; the postcode is the one typed.
              const postcode = postcodeOf(s);
              update({ ...site, place: label, postcode, commune_code: s.code, lat: null, lng: null });
              void locate(s.code, postcode);
            } else update({ ...site, place: label });
          }}
        />
      </div>
      <div className="admin-grid">
        {field('label', SITE_FIELD_LABELS.label ?? t.siteLabel)}
        {field('address', SITE_FIELD_LABELS.address ?? t.address)}
        {field('postcode', SITE_FIELD_LABELS.postcode ?? t.postcode)}
        <CommuneReadout id={fieldId(`${base}.commune_code`)} code={site.commune_code} errors={errorsFor(`${base}.commune_code`)} />
      </div>
      <div className="admin-actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void locate(site.commune_code, site.postcode)}
          disabled={locating || (!site.commune_code && !site.postcode)}
        >
          {locating ? t.locating : t.locate}
        </button>
        {site.lat !== null && (
          <button type="button" className="button button--link" onClick={() => update({ ...site, lat: null, lng: null })}>
            {t.clearPosition}
          </button>
        )}
      </div>
      {geoError && (
        <p className="field__error" role="alert">
          {geoError}
        </p>
      )}
      <FieldError id={`${fieldId(`${base}.lat`)}-error`} messages={errorsFor(`${base}.lat`)} />
      {point && (
        <>
          <p className="field__hint">
            {site.lat !== null && site.lng !== null ? t.position(site.lat, site.lng) : t.positionCommune} — {t.mapHint}
          </p>
          <Suspense fallback={<p role="status">{frAdmin.common.loading}</p>}>
            <SitePinMap
              lat={point.lat}
              lng={point.lng}
              label={t.mapLabel(index + 1)}
              onMove={(lat, lng) => update({ ...site, lat, lng })}
            />
          </Suspense>
        </>
      )}
      <Checkbox
        id={fieldId(`${base}.confidential`)}
        label={t.confidential}
        checked={site.confidential}
        onChange={(v) => update({ ...site, confidential: v })}
      />
      <HoursEditor
        id={fieldId(`${base}.opening_hours`)}
        label={SITE_FIELD_LABELS.opening_hours ?? t.openingHours}
        value={site.opening_hours}
        errors={errorsFor(`${base}.opening_hours`)}
        departement={departementOfCommune(site.commune_code)}
        closures={site.temporary_closures}
        onChange={(v) => update({ ...site, opening_hours: v })}
      />
      <ClosuresEditor
        id={fieldId(`${base}.temporary_closures`)}
        closures={site.temporary_closures}
        onChange={(c) => update({ ...site, temporary_closures: c })}
        errorsFor={(i, f) => errorsFor(`${base}.temporary_closures.${i}.${f}`)}
      />
      <div className="admin-grid">{field('accessibility', SITE_FIELD_LABELS.accessibility ?? t.accessibility)}</div>
      <RemoveRowButton what={t.site(index + 1)} onRemove={remove} />
    </fieldset>
  );
}

function ContactEditor({
  index,
  contact,
  sites,
  update,
  remove,
  errorsFor,
  onTouch,
}: {
  index: number;
  contact: ContactDraft;
  sites: SiteDraft[];
  update: (c: ContactDraft) => void;
  remove: () => void;
  errorsFor: (p: string) => string[];
  onTouch: (p: string) => void;
}) {
  const base = `contacts.${index}`;
  /** One field of the contact: its id, value, setter and errors, by its key. */
  const bind = <K extends keyof ContactDraft & string>(key: K) => ({
    id: fieldId(`${base}.${key}`),
    value: contact[key],
    errors: errorsFor(`${base}.${key}`),
    onChange: (v: string) => update({ ...contact, [key]: v }),
  });
  return (
    <fieldset>
      <legend>{t.contact(index + 1)}</legend>
      <div className="admin-grid">
        <SelectField
          {...bind('kind')}
          label={CONTACT_FIELD_LABELS.kind ?? t.kind}
          options={CONTACT_KINDS.map((k) => [k, t.kinds[k] ?? k] as const)}
        />
        <TextField {...bind('value')} label={CONTACT_FIELD_LABELS.value ?? t.value} onBlur={() => onTouch(`${base}.value`)} />
        <TextField {...bind('label')} label={CONTACT_FIELD_LABELS.label ?? t.contactLabel} />
        <SelectField
          {...bind('visibility')}
          label={CONTACT_FIELD_LABELS.visibility ?? t.visibility}
          options={CONTACT_VISIBILITIES.map((v) => [v, t.visibilities[v] ?? v] as const)}
        />
        <SelectField
          {...bind('site')}
          label={CONTACT_FIELD_LABELS.site ?? t.contactSite}
          options={[['', t.noSite] as const, ...sites.map((s, i) => [String(i), s.label || t.site(i + 1)] as const)]}
        />
      </div>
      <ProContactOnConfidentialSite contact={contact} sites={sites} />
      {(contact.kind === 'phone' || contact.kind === 'sms' || contact.kind === 'chat') && (
        <HoursEditor
          id={fieldId(`${base}.opening_hours`)}
          label={CONTACT_FIELD_LABELS.opening_hours ?? 'Horaires de la ligne'}
          value={contact.opening_hours}
          errors={errorsFor(`${base}.opening_hours`)}
          departement={contact.site === '' ? null : departementOfCommune(sites[Number(contact.site)]?.commune_code ?? '')}
          preview={false}
          onChange={(v) => update({ ...contact, opening_hours: v })}
        />
      )}
      <RemoveRowButton what={t.contact(index + 1)} onRemove={remove} />
    </fieldset>
  );
}

/** The form's sections, in order, for the in-page table of contents. */
export const FORM_SECTIONS = [
  { id: 'af-sec-identity', label: fe.identity },
  { id: 'af-sec-audiences', label: fe.audiences },
  { id: 'af-sec-territory', label: fe.territory },
  { id: 'af-sites-title', label: fe.sites },
  { id: 'af-contacts-title', label: fe.contacts },
  { id: 'af-sec-provenance', label: fe.provenance },
] as const;

/** The in-page table of contents of a long form: one link per section. */
export function FormToc() {
  return (
    <nav className="form-toc" aria-label={fe.toc}>
      <p className="form-toc__title" aria-hidden="true">
        {fe.toc}
      </p>
      <ul>
        {FORM_SECTIONS.map((s) => (
          <li key={s.id}>
            <a
              href={`#${s.id}`}
              onClick={(e) => {
                const target = document.getElementById(s.id);
                if (!target) return;
                e.preventDefault();
                target.scrollIntoView({ block: 'start' });
                target.focus({ preventScroll: true });
              }}
            >
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ActorForm({ draft, onChange, errorsFor, onTouch }: ActorFormProps) {
  const set = <K extends keyof ActorDraft>(key: K, value: ActorDraft[K]) => onChange({ ...draft, [key]: value });
  const text = (
    key: 'name' | 'slug' | 'referent_email' | 'siret' | 'source_url' | 'last_verified_at' | 'verified_by' | 'languages',
    path: string,
    hint?: string,
    required?: boolean,
  ) => (
    <TextField
      id={fieldId(path)}
      label={FIELD_LABELS[path] ?? path}
      hint={hint}
      required={required}
      value={draft[key]}
      errors={errorsFor(path)}
      onChange={(v) => set(key, v)}
      onBlur={() => onTouch(path)}
    />
  );
  /** A list of codes to tick (publics, actions), touched as soon as one is ticked. */
  const codes = <K extends 'publics' | 'actions'>(key: K, options: Record<ActorDraft[K][number], string>) => (
    <CheckboxGroup
      id={fieldId(key)}
      label={FIELD_LABELS[key]}
      options={options}
      value={draft[key]}
      errors={errorsFor(key)}
      onChange={(v) => {
        set(key, v as ActorDraft[K]);
        onTouch(key);
      }}
    />
  );
  /** The sites and contacts are edited by position: replaced, removed or added one at a time. */
  type Rows = 'sites' | 'contacts';
  const replaceRow = <K extends Rows>(list: K, i: number, row: ActorDraft[K][number]) =>
    set(list, draft[list].map((x, j) => (j === i ? row : x)) as ActorDraft[K]);
  const removeRow = <K extends Rows>(list: K, i: number) => set(list, draft[list].filter((_, j) => j !== i) as ActorDraft[K]);
  /** What a row's editor (a site, a contact) is given: its position, how to replace or remove it, the form's errors and touches. */
  const rowProps = <K extends Rows>(list: K, i: number) => ({
    index: i,
    update: (row: ActorDraft[K][number]) => replaceRow(list, i, row),
    errorsFor,
    onTouch,
    remove: () => removeRow(list, i),
  });
  const addRowButton = <K extends Rows>(list: K, blank: ActorDraft[K][number], label: string) => (
    <p>
      <button type="button" className="button button--secondary" onClick={() => set(list, [...draft[list], blank] as ActorDraft[K])}>
        {label}
      </button>
    </p>
  );
  const heading = (id: string, label: string) => (
    <h2 id={id} tabIndex={-1}>
      {label}
    </h2>
  );

  return (
    <>
      <section aria-labelledby="af-sec-identity" className="form-section">
        {heading('af-sec-identity', fe.identity)}
        {text('name', 'name', undefined, true)}
        <SelectField
          id={fieldId('type')}
          label={FIELD_LABELS.type}
          value={draft.type}
          errors={errorsFor('type')}
          options={Object.entries(ACTOR_TYPE_LABELS)}
          onChange={(v) => set('type', v as ActorDraft['type'])}
        />
        <TextArea
          id={fieldId('description')}
          label={FIELD_LABELS.description}
          value={draft.description}
          errors={errorsFor('description')}
          onChange={(v) => set('description', v)}
          onBlur={() => onTouch('description')}
          rows={5}
        />
        <div className="admin-grid">
          {text('languages', 'languages', t.languagesHint)}
          {text('siret', 'siret')}
        </div>
        {text('slug', 'slug', t.slugHint)}
      </section>

      <section aria-labelledby="af-sec-audiences" className="form-section">
        {heading('af-sec-audiences', fe.audiences)}
        {codes('publics', PUBLIC_LABELS)}
        {codes('actions', ACTION_LABELS)}
      </section>

      <section aria-labelledby="af-sec-territory" className="form-section">
        {heading('af-sec-territory', fe.territory)}
        <SelectField
          id={fieldId('territory.scope')}
          label={FIELD_LABELS['territory.scope']}
          value={draft.scope}
          errors={errorsFor('territory.scope')}
          options={Object.entries(TERRITORY_SCOPE_LABELS)}
          onChange={(v) => set('scope', v as ActorDraft['scope'])}
        />
        {draft.scope !== 'national' && (
          <div className="admin-grid">
            {(['regions', 'departements', 'communes'] as const).map((k) => (
              <TerritoryPicker
                key={k}
                id={fieldId(`territory.${k}`)}
                kind={k}
                label={FIELD_LABELS[`territory.${k}`] ?? k}
                hint={frEditor.picker[`${k}Hint`]}
                codes={draft[k]}
                errors={errorsFor(`territory.${k}`)}
                onChange={(v) => {
                  set(k, v);
                  onTouch(`territory.${k}`);
                }}
                onBlur={() => onTouch(`territory.${k}`)}
              />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="af-sites-title" className="form-section">
        {heading('af-sites-title', fe.sites)}
        {draft.sites.map((s, i) => (
          <SiteEditor
            // Sites have no stable id in the input form: the position is their identity here.
            key={i}
            site={s}
            {...rowProps('sites', i)}
          />
        ))}
        {addRowButton('sites', emptySite(), t.addSite)}
      </section>

      <section aria-labelledby="af-contacts-title" className="form-section">
        {heading('af-contacts-title', fe.contacts)}
        <Checkbox
          id={fieldId('accepts_contact_requests')}
          label={FIELD_LABELS.accepts_contact_requests}
          checked={draft.accepts}
          onChange={(v) => set('accepts', v)}
        />
        {text('referent_email', 'referent_email')}
        {draft.contacts.map((c, i) => (
          <ContactEditor key={i} contact={c} sites={draft.sites} {...rowProps('contacts', i)} />
        ))}
        {addRowButton('contacts', emptyContact(), t.addContact)}
      </section>

      <section aria-labelledby="af-sec-provenance" className="form-section">
        {heading('af-sec-provenance', fe.provenance)}
        <div className="admin-grid">
          {text('source_url', 'provenance.source_url')}
          {text('last_verified_at', 'provenance.last_verified_at')}
          {text('verified_by', 'provenance.verified_by')}
        </div>
      </section>
    </>
  );
}
