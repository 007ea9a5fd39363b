/** The pre-filled corrections form of an update link: name, presentation, contacts, sites, a message. */
import type { PublicActor } from '@pare/schema';
import { CONTACT_KINDS, type ContactKind } from '@pare/schema/codes';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { frFollowUp } from '../../i18n/fr.follow-up.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { ErrorSummary, SelectField, TextArea, TextField } from '../admin/fields.tsx';
import { errorsAt, type FieldErrors, issuesToErrors } from '../admin/form-errors.ts';
import { PlaceCombobox } from '../territories/place-combobox.tsx';
import { changesFrom, type Draft, type DraftSite, draftFromActor, emptyContact, emptySite, formPath } from './changes.ts';
import type { UpdateLinkInput } from './queries.ts';

const t = frFollowUp.update;
const KIND_OPTIONS = CONTACT_KINDS.map((k) => [k, t.contactKinds[k] ?? k] as const);

function SiteFields({
  base,
  index,
  site,
  errors,
  onChange,
  onRemove,
}: {
  base: string;
  index: number;
  site: DraftSite;
  errors: FieldErrors;
  onChange: (s: DraftSite) => void;
  onRemove: () => void;
}) {
  const id = `${base}-sites-${index}`;
  const at = (field: string) => errorsAt(errors, `sites.${index}.${field}`);
  const n = index + 1;
  if (site.confidential) {
    return (
      <li className="follow-up__item">
        <p>{t.siteConfidential(n, site.communeName)}</p>
      </li>
    );
  }
  const communeErrors = at('commune_code');
  return (
    <li className="follow-up__item">
      <fieldset>
        <legend>{t.siteLegend(n)}</legend>
        <TextField
          id={`${id}-label`}
          label={t.siteLabel}
          value={site.label}
          errors={at('label')}
          onChange={(label) => onChange({ ...site, label })}
        />
        <TextField
          id={`${id}-address`}
          label={t.siteAddress}
          value={site.address}
          autoComplete="street-address"
          errors={at('address')}
          onChange={(address) => onChange({ ...site, address })}
        />
        <div className="follow-up__pair">
          <TextField
            id={`${id}-postcode`}
            label={t.sitePostcode}
            value={site.postcode}
            inputMode="numeric"
            autoComplete="postal-code"
            errors={at('postcode')}
            onChange={(postcode) => onChange({ ...site, postcode })}
          />
          <div className="field">
            <label htmlFor={`${id}-commune`}>{t.siteCommune}</label>
            <p id={`${id}-commune-hint`} className="field__hint">
              {site.communeCode ? t.siteCommuneChosen(site.communeName, site.communeCode) : t.siteCommuneHint}
            </p>
            <PlaceCombobox
              id={`${id}-commune`}
              value={site.communeText}
              describedBy={[`${id}-commune-hint`, communeErrors.length ? `${id}-commune-error` : ''].filter(Boolean).join(' ')}
              invalid={communeErrors.length > 0}
              // Typing again forgets the chosen commune until one is picked.
              onChange={(communeText) => onChange({ ...site, communeText, communeCode: '', communeName: '' })}
              onPick={(s) => {
                if (s.kind === 'commune') {
                  const postcode = site.postcode || (s.postcodes.length === 1 ? (s.postcodes[0] ?? '') : '');
                  onChange({
                    ...site,
                    communeText: `${s.name}${s.departement ? ` (${s.departement.code})` : ''}`,
                    communeCode: s.code,
                    communeName: s.name,
                    postcode,
                  });
                } else if (s.kind === 'postcode') {
                  // A postcode suggestion names one commune: its `code` is that commune's INSEE code.
                  const postcode = s.postcodes[0] ?? site.postcode;
                  onChange({
                    ...site,
                    postcode,
                    communeText: `${s.name}${s.departement ? ` (${s.departement.code})` : ''}`,
                    communeCode: s.code,
                    communeName: s.name,
                  });
                }
              }}
            />
            {communeErrors.length > 0 && (
              <p id={`${id}-commune-error`} className="field__error">
                {[...new Set(communeErrors)].join(' ')}
              </p>
            )}
          </div>
        </div>
        <p>
          <button type="button" className="button button--link" onClick={onRemove}>
            {t.removeSite(n)}
          </button>
        </p>
      </fieldset>
    </li>
  );
}

export function CorrectionsForm({
  actor,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  actor: PublicActor;
  pending: boolean;
  error: unknown;
  onSubmit: (input: UpdateLinkInput) => void;
  onCancel: () => void;
}) {
  const base = useId().replace(/:/g, '');
  const initial = useMemo(() => draftFromActor(actor), [actor]);
  const [draft, setDraft] = useState<Draft>(initial);
  const [empty, setEmpty] = useState(false);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  const errorsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (empty) emptyRef.current?.focus();
  }, [empty]);
  // The API refused the proposal: the list of what to fix gets the focus, each item linked to its field.
  useEffect(() => {
    if (error) errorsRef.current?.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }, [error]);
  const changes = changesFrom(initial, draft);
  const changed = Object.keys(changes).length;

  const apiIssues = error instanceof ApiRequestError ? error.issues.map((i) => ({ path: formPath(i.path), message: i.message })) : [];
  const errors = issuesToErrors(apiIssues);
  const targetOf = (path: string): string | undefined => {
    const m = /^(name|description|message)$/.exec(path) ?? null;
    if (m) return `${base}-${m[1]}`;
    const c = /^contacts\.(\d+)\.(kind|value|label)/.exec(path);
    if (c) return `${base}-contacts-${c[1]}-${c[2]}`;
    const s = /^sites\.(\d+)\.(label|address|postcode|commune_code)/.exec(path);
    if (s) return `${base}-sites-${s[1]}-${s[2] === 'commune_code' ? 'commune' : s[2]}`;
    return undefined;
  };
  const summary = apiIssues.map((i) => {
    const [head, index] = i.path.split('.');
    const row = index !== undefined && /^\d+$/.test(index) ? Number(index) + 1 : null;
    const field =
      row !== null && head === 'contacts'
        ? t.contactLegend(row)
        : row !== null && head === 'sites'
          ? t.siteLegend(row)
          : t.fieldNames[head ?? ''];
    return { path: i.path, message: field ? `${field} : ${i.message}` : i.message, target: targetOf(i.path) };
  });

  const set = (patch: Partial<Draft>) => {
    setEmpty(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    if (changed === 0 && draft.message.trim() === '') {
      setEmpty(true);
      emptyRef.current?.focus();
      return;
    }
    onSubmit({ action: 'corrections', changes, ...(draft.message.trim() ? { message: draft.message.trim() } : {}) });
  }

  return (
    <form className="follow-up__form" onSubmit={submit} noValidate>
      <p>{t.formIntro}</p>
      <div ref={errorsRef}>
        {apiIssues.length > 0 ? (
          <ErrorSummary title={t.errorsHeading} items={summary} />
        ) : (
          error != null && (
            <div className="notice notice--error" role="alert" tabIndex={-1}>
              <p>{error instanceof ApiRequestError ? error.message : frFollowUp.link.errorTitle}</p>
            </div>
          )
        )}
      </div>
      <TextField
        id={`${base}-name`}
        label={t.name}
        value={draft.name}
        errors={errorsAt(errors, 'name')}
        onChange={(name) => set({ name })}
      />
      <TextArea
        id={`${base}-description`}
        label={t.descriptionLabel}
        rows={6}
        value={draft.description}
        errors={errorsAt(errors, 'description')}
        onChange={(description) => set({ description })}
      />

      <fieldset className="follow-up__group">
        <legend>{t.contactsLegend}</legend>
        <ol className="follow-up__items">
          {draft.contacts.map((c, i) => {
            const id = `${base}-contacts-${i}`;
            const at = (field: string) => errorsAt(errors, `contacts.${i}.${field}`);
            const update = (patch: Partial<typeof c>) =>
              set({ contacts: draft.contacts.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <li key={c.uid} className="follow-up__item">
                <fieldset>
                  <legend>{t.contactLegend(i + 1)}</legend>
                  <SelectField
                    id={`${id}-kind`}
                    label={t.contactKind}
                    value={c.kind}
                    options={KIND_OPTIONS}
                    errors={at('kind')}
                    onChange={(kind) => update({ kind: kind as ContactKind })}
                  />
                  <TextField
                    id={`${id}-value`}
                    label={t.contactValue}
                    value={c.value}
                    errors={at('value')}
                    onChange={(value) => update({ value })}
                  />
                  <TextField
                    id={`${id}-label`}
                    label={t.contactLabel}
                    hint={t.contactLabelHint}
                    value={c.label}
                    errors={at('label')}
                    onChange={(label) => update({ label })}
                  />
                  <p>
                    <button
                      type="button"
                      className="button button--link"
                      onClick={() => set({ contacts: draft.contacts.filter((_, j) => j !== i) })}
                    >
                      {t.removeContact(i + 1)}
                    </button>
                  </p>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <p>
          <button type="button" className="button button--secondary" onClick={() => set({ contacts: [...draft.contacts, emptyContact()] })}>
            {t.addContact}
          </button>
        </p>
      </fieldset>

      <fieldset className="follow-up__group">
        <legend>{t.sitesLegend}</legend>
        <ol className="follow-up__items">
          {draft.sites.map((s, i) => (
            <SiteFields
              key={s.uid}
              base={base}
              index={i}
              site={s}
              errors={errors}
              onChange={(site) => set({ sites: draft.sites.map((x, j) => (j === i ? site : x)) })}
              onRemove={() => set({ sites: draft.sites.filter((_, j) => j !== i) })}
            />
          ))}
        </ol>
        <p>
          <button type="button" className="button button--secondary" onClick={() => set({ sites: [...draft.sites, emptySite()] })}>
            {t.addSite}
          </button>
        </p>
      </fieldset>

      <TextArea
        id={`${base}-message`}
        label={t.message}
        hint={t.messageHint}
        rows={4}
        value={draft.message}
        errors={errorsAt(errors, 'message')}
        onChange={(message) => set({ message })}
      />

      <p className="follow-up__note" aria-live="polite">
        {t.changedCount(changed)}
      </p>
      {empty && (
        <p ref={emptyRef} tabIndex={-1} className="field__error" role="alert">
          {t.nothingToSend}
        </p>
      )}
      <p className="follow-up__row">
        <button type="submit" className="button button--primary follow-up__choice" disabled={pending}>
          {pending ? t.sending : t.submit}
        </button>
        <button type="button" className="button button--link" onClick={onCancel}>
          {t.cancel}
        </button>
      </p>
    </form>
  );
}
