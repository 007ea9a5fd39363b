/**
 * The editor's own widgets for one value of the input form at a path, so a curator corrects a
 * proposal the way they edit an entry: a select for a type, checkboxes for publics, a territory
 * picker for départements, the site and contact fields for a whole site or contact — never JSON.
 */
import { ACTION_LABELS, ACTOR_TYPE_LABELS, CONTACT_KINDS, CONTACT_VISIBILITIES, PUBLIC_LABELS, TERRITORY_SCOPE_LABELS } from '@pare/schema';
import { useState } from 'react';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frEditor } from '../../i18n/fr.editor.ts';
import { contactDraftFrom, contactFromDraft, siteDraftFrom, siteFromDraft } from '../admin/actor-draft.ts';
import { CONTACT_FIELD_LABELS, FIELD_LABELS, SITE_FIELD_LABELS } from '../admin/field-labels.tsx';
import { Checkbox, CheckboxGroup, SelectField, TextArea, TextField } from '../admin/fields.tsx';
import { placeName, useTerritoryNames } from '../admin/territory-names.ts';
import { TerritoryPicker } from '../admin/territory-picker.tsx';
import { PlaceCombobox, suggestionLabel } from '../territories/place-combobox.tsx';

const t = frAdmin.edit;

const asString = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const kindOptions = CONTACT_KINDS.map((k) => [k, t.kinds[k] ?? k] as const);
const visibilityOptions = CONTACT_VISIBILITIES.map((v) => [v, t.visibilities[v] ?? v] as const);

/** Can this path be edited with a widget? (An unknown shape is accepted or refused as is.) */
export function isEditable(path: string): boolean {
  return (
    (path in FIELD_LABELS ||
      /^sites\.\d+(\.(label|address|postcode|commune_code|confidential|opening_hours|accessibility))?$/.test(path) ||
      /^contacts\.\d+(\.(kind|value|label|visibility))?$/.test(path)) &&
    !['territory', 'provenance', 'sites', 'contacts'].includes(path)
  );
}

/** A starting value for a field the curator adds (« Compléter la fiche »). */
export function emptyValueFor(path: string): unknown {
  if (['publics', 'actions', 'territory.regions', 'territory.departements', 'territory.communes', 'languages'].includes(path)) return [];
  if (path === 'accepts_contact_requests') return false;
  if (path === 'type') return 'association';
  if (path === 'territory.scope') return 'departements';
  return '';
}

/** Picks a commune by name for a site (the place box of the editor). */
function CommunePicker({
  id,
  label,
  code,
  onPick,
}: {
  id: string;
  label: string;
  code: string;
  onPick: (code: string, postcode: string | null) => void;
}) {
  const names = useTerritoryNames(code ? [code] : []);
  const current = code ? placeName(names, 'communes', code) : '';
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field__hint">
        {current ? `${current} — ${t.findPlaceHint}` : t.findPlaceHint}
      </p>
      <CommuneBox id={id} onPick={onPick} />
    </div>
  );
}

function CommuneBox({ id, onPick }: { id: string; onPick: (code: string, postcode: string | null) => void }) {
  const [text, setText] = useState('');
  return (
    <PlaceCombobox
      id={id}
      value={text}
      describedBy={`${id}-hint`}
      onChange={setText}
      onPick={(s) => {
        setText(suggestionLabel(s));
        if (s.kind === 'commune') onPick(s.code, s.postcodes.length === 1 ? (s.postcodes[0] ?? null) : null);
        else if (s.kind === 'postcode') onPick(s.code, s.postcodes[0] ?? null);
      }}
    />
  );
}

/** A draft's field: its id (`<id>-<suffix>`), its value and its setter, by its key. */
function bindDraft<D>(id: string, draft: D, set: (patch: Partial<D>) => void) {
  return <K extends keyof D & string>(key: K, suffix: string = key) => ({
    id: `${id}-${suffix}`,
    value: draft[key] as string,
    onChange: (v: string) => set({ [key]: v } as Partial<D>),
  });
}

/** A proposed contact or site, edited as its draft: read from `value`, each change written back through `onChange`. */
function editedDraft<D>(
  id: string,
  value: unknown,
  onChange: (v: unknown) => void,
  from: (r: Record<string, unknown>) => D,
  to: (d: D) => unknown,
) {
  const draft = from(asRecord(value));
  const set = (patch: Partial<D>) => onChange(to({ ...draft, ...patch }));
  return { draft, set, bind: bindDraft(id, draft, set) };
}

function ContactFields({ id, value, onChange }: { id: string; value: unknown; onChange: (v: unknown) => void }) {
  const { bind } = editedDraft(id, value, onChange, contactDraftFrom, contactFromDraft);
  return (
    <div className="admin-grid">
      <SelectField {...bind('kind')} label={CONTACT_FIELD_LABELS.kind ?? t.kind} options={kindOptions} />
      <TextField {...bind('value')} label={CONTACT_FIELD_LABELS.value ?? t.value} />
      <TextField {...bind('label')} label={CONTACT_FIELD_LABELS.label ?? t.contactLabel} />
      <SelectField {...bind('visibility')} label={CONTACT_FIELD_LABELS.visibility ?? t.visibility} options={visibilityOptions} />
    </div>
  );
}

function SiteFields({ id, value, onChange }: { id: string; value: unknown; onChange: (v: unknown) => void }) {
  const { draft: s, set, bind } = editedDraft(id, value, onChange, (r) => siteDraftFrom(r), siteFromDraft);
  return (
    <div className="admin-grid">
      <TextField {...bind('label')} label={SITE_FIELD_LABELS.label ?? t.siteLabel} />
      <TextField {...bind('address')} label={SITE_FIELD_LABELS.address ?? t.address} />
      <CommunePicker
        id={`${id}-commune`}
        label={SITE_FIELD_LABELS.commune_code ?? 'Commune'}
        code={s.commune_code}
        onPick={(code, postcode) => set({ commune_code: code, postcode: postcode ?? s.postcode, lat: null, lng: null })}
      />
      <TextField {...bind('postcode')} label={SITE_FIELD_LABELS.postcode ?? t.postcode} />
      <Checkbox id={`${id}-confidential`} label={t.confidential} checked={s.confidential} onChange={(v) => set({ confidential: v })} />
      <TextField {...bind('opening_hours', 'hours')} label={SITE_FIELD_LABELS.opening_hours ?? t.openingHours} />
      <TextField {...bind('accessibility')} label={SITE_FIELD_LABELS.accessibility ?? t.accessibility} />
    </div>
  );
}

/** The widget for `path`, labelled `label`; `value` in the input form's shape, `onChange` gives the same shape. */
export function ValueEditor({
  id,
  path,
  label,
  value,
  onChange,
}: {
  id: string;
  path: string;
  label: string;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  if (/^contacts\.\d+$/.test(path)) return <ContactFields id={id} value={value} onChange={onChange} />;
  if (/^sites\.\d+$/.test(path)) return <SiteFields id={id} value={value} onChange={onChange} />;
  const territory = /^territory\.(regions|departements|communes)$/.exec(path);
  if (territory) {
    const kind = territory[1] as 'regions' | 'departements' | 'communes';
    return (
      <TerritoryPicker id={id} kind={kind} label={label} hint={frEditor.picker[`${kind}Hint`]} codes={asList(value)} onChange={onChange} />
    );
  }
  if (path === 'publics' || path === 'actions')
    return (
      <CheckboxGroup
        id={id}
        label={label}
        options={(path === 'publics' ? PUBLIC_LABELS : ACTION_LABELS) as Record<string, string>}
        value={asList(value)}
        onChange={onChange}
      />
    );
  if (path === 'type')
    return <SelectField id={id} label={label} value={asString(value)} options={Object.entries(ACTOR_TYPE_LABELS)} onChange={onChange} />;
  if (path === 'territory.scope')
    return (
      <SelectField id={id} label={label} value={asString(value)} options={Object.entries(TERRITORY_SCOPE_LABELS)} onChange={onChange} />
    );
  if (/^contacts\.\d+\.kind$/.test(path))
    return <SelectField id={id} label={label} value={asString(value)} options={kindOptions} onChange={onChange} />;
  if (/^contacts\.\d+\.visibility$/.test(path))
    return <SelectField id={id} label={label} value={asString(value)} options={visibilityOptions} onChange={onChange} />;
  if (path === 'accepts_contact_requests' || /^sites\.\d+\.confidential$/.test(path))
    return <Checkbox id={id} label={label} checked={value === true} onChange={onChange} />;
  if (/^sites\.\d+\.commune_code$/.test(path))
    return <CommunePicker id={id} label={label} code={asString(value)} onPick={(code) => onChange(code)} />;
  if (path === 'languages')
    return (
      <TextField
        id={id}
        label={label}
        hint={t.languagesHint}
        value={asList(value).join(', ')}
        onChange={(v) =>
          onChange(
            v
              .split(/[\s,;]+/)
              .map((x) => x.trim().toLowerCase())
              .filter(Boolean),
          )
        }
      />
    );
  if (path === 'description') return <TextArea id={id} label={label} value={asString(value)} onChange={onChange} rows={5} />;
  return <TextField id={id} label={label} value={asString(value)} onChange={(v) => onChange(v.trim() === '' ? null : v)} />;
}
