/**
 * The entry form: every field of an actor, its sites (place box → commune centre → a small map
 * to adjust the pin) and contacts (with who may see them). Errors come from the shared schema as
 * one types, and from the API's `issues` after saving, both shown on the field.
 */
import {
  ACTION_LABELS,
  ACTOR_TYPE_LABELS,
  CONTACT_KINDS,
  CONTACT_VISIBILITIES,
  type GeocodeResult,
  PUBLIC_LABELS,
  TERRITORY_SCOPE_LABELS,
} from '@pare/schema';
import { lazy, Suspense, useState } from 'react';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { ApiRequestError, apiGet } from '../../lib/api.ts';
import { ProContactOnConfidentialSite } from '../account/pro-contact-warning.tsx';
import { PlaceCombobox, postcodeOf, suggestionLabel } from '../territories/place-combobox.tsx';
import { type ActorDraft, type ContactDraft, emptyContact, emptySite, type SiteDraft } from './actor-draft.ts';
import { Checkbox, CheckboxGroup, FieldError, SelectField, TextArea, TextField } from './fields.tsx';

const SitePinMap = lazy(() => import('./site-pin-map.tsx'));

const t = frAdmin.edit;

/** The id of a field's input, from its path: `sites.0.postcode` → `af-sites-0-postcode` (the error summary links to it). */
export const fieldId = (path: string) => `af-${path.replace(/\./g, '-')}`;

export type ActorFormProps = {
  draft: ActorDraft;
  onChange: (d: ActorDraft) => void;
  /** Errors to show at a path (the parent decides: touched, submitted, from the API). */
  errorsFor: (path: string) => string[];
  onTouch: (path: string) => void;
};

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
      const r = await apiGet<GeocodeResult>('/admin/geocode', {
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
        {field('label', t.siteLabel)}
        {field('address', t.address)}
        {field('postcode', t.postcode)}
        {field('commune_code', t.communeCode)}
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
      <div className="admin-grid">
        {field('opening_hours', t.openingHours)}
        {field('accessibility', t.accessibility)}
      </div>
      <p>
        <button type="button" className="button button--link" onClick={remove}>
          {frAdmin.common.remove} ({t.site(index + 1)})
        </button>
      </p>
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
  return (
    <fieldset>
      <legend>{t.contact(index + 1)}</legend>
      <div className="admin-grid">
        <SelectField
          id={fieldId(`${base}.kind`)}
          label={t.kind}
          value={contact.kind}
          errors={errorsFor(`${base}.kind`)}
          options={CONTACT_KINDS.map((k) => [k, t.kinds[k] ?? k] as const)}
          onChange={(v) => update({ ...contact, kind: v as ContactDraft['kind'] })}
        />
        <TextField
          id={fieldId(`${base}.value`)}
          label={t.value}
          value={contact.value}
          errors={errorsFor(`${base}.value`)}
          onChange={(v) => update({ ...contact, value: v })}
          onBlur={() => onTouch(`${base}.value`)}
        />
        <TextField
          id={fieldId(`${base}.label`)}
          label={t.contactLabel}
          value={contact.label}
          errors={errorsFor(`${base}.label`)}
          onChange={(v) => update({ ...contact, label: v })}
        />
        <SelectField
          id={fieldId(`${base}.visibility`)}
          label={t.visibility}
          value={contact.visibility}
          errors={errorsFor(`${base}.visibility`)}
          options={CONTACT_VISIBILITIES.map((v) => [v, t.visibilities[v] ?? v] as const)}
          onChange={(v) => update({ ...contact, visibility: v as ContactDraft['visibility'] })}
        />
        <SelectField
          id={fieldId(`${base}.site`)}
          label={t.contactSite}
          value={contact.site}
          errors={errorsFor(`${base}.site`)}
          options={[['', t.noSite] as const, ...sites.map((s, i) => [String(i), s.label || t.site(i + 1)] as const)]}
          onChange={(v) => update({ ...contact, site: v })}
        />
      </div>
      <ProContactOnConfidentialSite contact={contact} sites={sites} />
      <p>
        <button type="button" className="button button--link" onClick={remove}>
          {frAdmin.common.remove} ({t.contact(index + 1)})
        </button>
      </p>
    </fieldset>
  );
}

export function ActorForm({ draft, onChange, errorsFor, onTouch }: ActorFormProps) {
  const set = <K extends keyof ActorDraft>(key: K, value: ActorDraft[K]) => onChange({ ...draft, [key]: value });
  const text = (
    key: 'name' | 'slug' | 'referent_email' | 'siret' | 'source_url' | 'last_verified_at' | 'verified_by' | 'languages',
    path: string,
    label: string,
    hint?: string,
    required?: boolean,
  ) => (
    <TextField
      id={fieldId(path)}
      label={label}
      hint={hint}
      required={required}
      value={draft[key]}
      errors={errorsFor(path)}
      onChange={(v) => set(key, v)}
      onBlur={() => onTouch(path)}
    />
  );
  const setSite = (i: number, s: SiteDraft) =>
    set(
      'sites',
      draft.sites.map((x, j) => (j === i ? s : x)),
    );
  const setContact = (i: number, c: ContactDraft) =>
    set(
      'contacts',
      draft.contacts.map((x, j) => (j === i ? c : x)),
    );

  return (
    <>
      <fieldset>
        <legend>{t.general}</legend>
        {text('name', 'name', t.name, undefined, true)}
        <SelectField
          id={fieldId('type')}
          label={t.type}
          value={draft.type}
          errors={errorsFor('type')}
          options={Object.entries(ACTOR_TYPE_LABELS)}
          onChange={(v) => set('type', v as ActorDraft['type'])}
        />
        <TextArea
          id={fieldId('description')}
          label={t.description}
          value={draft.description}
          errors={errorsFor('description')}
          onChange={(v) => set('description', v)}
          onBlur={() => onTouch('description')}
          rows={5}
        />
        <CheckboxGroup
          id={fieldId('publics')}
          label={t.publics}
          options={PUBLIC_LABELS}
          value={draft.publics}
          errors={errorsFor('publics')}
          onChange={(v) => {
            set('publics', v);
            onTouch('publics');
          }}
        />
        <CheckboxGroup
          id={fieldId('actions')}
          label={t.actions}
          options={ACTION_LABELS}
          value={draft.actions}
          errors={errorsFor('actions')}
          onChange={(v) => {
            set('actions', v);
            onTouch('actions');
          }}
        />
        {text('slug', 'slug', t.slug, t.slugHint)}
      </fieldset>

      <fieldset>
        <legend>{t.territory}</legend>
        <SelectField
          id={fieldId('territory.scope')}
          label={t.scope}
          value={draft.scope}
          errors={errorsFor('territory.scope')}
          options={Object.entries(TERRITORY_SCOPE_LABELS)}
          onChange={(v) => set('scope', v as ActorDraft['scope'])}
        />
        {draft.scope !== 'national' && (
          <div className="admin-grid">
            {(['regions', 'departements', 'communes'] as const).map((k) => (
              <TextField
                key={k}
                id={fieldId(`territory.${k}`)}
                label={t[k]}
                hint={t.codesHint}
                value={draft[k]}
                errors={errorsFor(`territory.${k}`)}
                onChange={(v) => set(k, v)}
                onBlur={() => onTouch(`territory.${k}`)}
              />
            ))}
          </div>
        )}
        {text('languages', 'languages', t.languages, t.languagesHint)}
        <Checkbox
          id={fieldId('accepts_contact_requests')}
          label={t.acceptsRequests}
          checked={draft.accepts}
          onChange={(v) => set('accepts', v)}
        />
        <div className="admin-grid">
          {text('referent_email', 'referent_email', t.referentEmail)}
          {text('siret', 'siret', t.siret)}
        </div>
      </fieldset>

      <section aria-labelledby="af-sites-title">
        <h2 id="af-sites-title">{t.sites}</h2>
        {draft.sites.map((s, i) => (
          <SiteEditor
            // Sites have no stable id in the input form: the position is their identity here.
            key={i}
            index={i}
            site={s}
            update={(x) => setSite(i, x)}
            errorsFor={errorsFor}
            onTouch={onTouch}
            remove={() =>
              set(
                'sites',
                draft.sites.filter((_, j) => j !== i),
              )
            }
          />
        ))}
        <p>
          <button type="button" className="button button--secondary" onClick={() => set('sites', [...draft.sites, emptySite()])}>
            {t.addSite}
          </button>
        </p>
      </section>

      <section aria-labelledby="af-contacts-title">
        <h2 id="af-contacts-title">{t.contacts}</h2>
        {draft.contacts.map((c, i) => (
          <ContactEditor
            key={i}
            index={i}
            contact={c}
            sites={draft.sites}
            update={(x) => setContact(i, x)}
            errorsFor={errorsFor}
            onTouch={onTouch}
            remove={() =>
              set(
                'contacts',
                draft.contacts.filter((_, j) => j !== i),
              )
            }
          />
        ))}
        <p>
          <button type="button" className="button button--secondary" onClick={() => set('contacts', [...draft.contacts, emptyContact()])}>
            {t.addContact}
          </button>
        </p>
      </section>

      <fieldset>
        <legend>{t.provenance}</legend>
        <div className="admin-grid">
          {text('source_url', 'provenance.source_url', t.sourceUrl)}
          {text('last_verified_at', 'provenance.last_verified_at', t.lastVerifiedAt)}
          {text('verified_by', 'provenance.verified_by', t.verifiedBy)}
        </div>
      </fieldset>
    </>
  );
}
