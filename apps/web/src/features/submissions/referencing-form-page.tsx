/** `/referencer` — « Référencer ma structure »: a referencing request, without an account, reviewed by the PARÉ team. */
import {
  ACTION_LABELS,
  ACTOR_TYPE_LABELS,
  type Action,
  type ActorType,
  PUBLIC_LABELS,
  type Public,
  type SubmissionInputRaw,
  SubmissionInputSchema,
} from '@pare/schema';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { SubmitButton } from '../../components/form-parts.tsx';
import { NarrowPage } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { Checkbox, CheckboxGroup, ErrorSummary, FormError, SelectField, TextArea, TextField } from '../admin/fields.tsx';
import { errorsAt, type FieldErrors, issuesToErrors, readyToSend, zodToErrors } from '../admin/form-errors.ts';
import '../admin/admin.css';
import { PlaceCombobox, suggestionLabel } from '../territories/place-combobox.tsx';
import { sendSubmission } from './queries.ts';
import { emptySubmitter, SubmitterFields } from './submitter-fields.tsx';

const t = frAdmin.referencing;
const tf = frAdmin.publicForms;

type Place = { commune?: string; postcode?: string; departement?: string; label: string };
type Zone = 'communes' | 'departements' | 'national';
/** The contact fields, each with the input type that brings up the right phone keyboard. */
const CONTACT_INPUTS = [
  ['phone', 'tel'],
  ['email', 'email'],
  ['website', 'url'],
] as const;

type Form = {
  name: string;
  type: ActorType | '';
  description: string;
  publics: Public[];
  actions: Action[];
  placeText: string;
  place: Place | null;
  address: string;
  confidential: boolean;
  zone: Zone;
  phone: string;
  email: string;
  website: string;
  siret: string;
  message: string;
};

const emptyForm = (): Form => ({
  name: '',
  type: '',
  description: '',
  publics: [],
  actions: [],
  placeText: '',
  place: null,
  address: '',
  confidential: false,
  zone: 'departements',
  phone: '',
  email: '',
  website: '',
  siret: '',
  message: '',
});

/** Where each contact ends up in `proposal.contacts`, to show its errors on the right field. */
function toSubmission(f: Form, submitter: ReturnType<typeof emptySubmitter>): { body: SubmissionInputRaw; contactField: string[] } {
  const contacts: { kind: 'phone' | 'email' | 'website'; value: string }[] = [];
  const contactField: string[] = [];
  if (f.phone.trim()) {
    contacts.push({ kind: 'phone', value: f.phone.trim() });
    contactField.push('phone');
  }
  if (f.email.trim()) {
    contacts.push({ kind: 'email', value: f.email.trim() });
    contactField.push('email');
  }
  if (f.website.trim()) {
    const w = f.website.trim();
    contacts.push({ kind: 'website', value: /^https?:\/\//i.test(w) ? w : `https://${w}` });
    contactField.push('website');
  }
  const p = f.place;
  const sites =
    p && (p.commune || p.postcode)
      ? [{ commune_code: p.commune ?? null, postcode: p.postcode ?? null, address: f.address.trim() || null, confidential: f.confidential }]
      : [];
  const territory =
    f.zone === 'national'
      ? { scope: 'national' as const }
      : f.zone === 'communes' && p?.commune
        ? { scope: 'communes' as const, communes: [p.commune] }
        : p?.departement
          ? { scope: 'departements' as const, departements: [p.departement] }
          : undefined;
  const body = {
    kind: 'referencement' as const,
    proposal: {
      name: f.name,
      type: f.type as ActorType,
      description: f.description.trim() || undefined,
      publics: f.publics,
      actions: f.actions,
      sites,
      contacts,
      ...(territory ? { territory } : {}),
      siret: f.siret.replace(/\s/g, '') || null,
    },
    message: f.message.trim() || undefined,
    submitter: { name: submitter.name, email: submitter.email },
    consent: submitter.consent as true,
    homepage: submitter.homepage || undefined,
  };
  return { body, contactField };
}

export function ReferencingFormPage() {
  useDocumentTitle(t.title);
  const [form, setForm] = useState<Form>(emptyForm);
  const [submitter, setSubmitter] = useState(emptySubmitter);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>(new Map());
  const summaryRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  /** A field's id, label, value and setter, from its name in the form. */
  const bind = <K extends keyof Form & keyof typeof t>(k: K) => ({
    id: `rf-${k}`,
    label: t[k],
    value: form[k],
    onChange: (v: Form[K]) => set(k, v),
  });

  const { body, contactField } = useMemo(() => toSubmission(form, submitter), [form, submitter]);
  const parsed = useMemo(() => SubmissionInputSchema.safeParse(body), [body]);
  const errors = useMemo(() => {
    const all: FieldErrors = new Map();
    const add = (m: FieldErrors) => {
      for (const [k, v] of m) all.set(k, [...(all.get(k) ?? []), ...v]);
    };
    if (submitted && !parsed.success) add(zodToErrors(parsed.error));
    add(serverErrors);
    // Contacts are three plain fields here: `proposal.contacts.1.value` → the field it came from.
    const out: FieldErrors = new Map();
    for (const [k, v] of all) {
      const m = /^proposal\.contacts\.(\d+)/.exec(k);
      const key = m ? `proposal.${contactField[Number(m[1])] ?? 'contacts'}` : k.startsWith('proposal.territory') ? 'proposal.sites' : k;
      out.set(key, [...(out.get(key) ?? []), ...v]);
    }
    return out;
  }, [submitted, parsed, serverErrors, contactField]);
  const errorsFor = (path: string) => errorsAt(errors, path);

  const send = useMutation({
    mutationFn: () => sendSubmission(body),
    onError: (err) => {
      if (err instanceof ApiRequestError && err.issues.length > 0) setServerErrors(issuesToErrors(err.issues));
      summaryRef.current?.focus();
    },
  });

  function onSubmit(e: FormEvent) {
    if (!readyToSend(e, parsed, { setSubmitted, setServerErrors, summaryRef })) return;
    send.mutate();
  }

  if (send.isSuccess) {
    return (
      <NarrowPage heading={tf.thanksTitle}>
        <p role="status">{send.data.message}</p>
        <p>{tf.reference(send.data.reference)}</p>
        <p>
          <Link href="/">{tf.backHome}</Link>
        </p>
      </NarrowPage>
    );
  }

  const summary = [...errors].flatMap(([path, messages]) =>
    messages.map((message) => ({ path, message, target: `rf-${path.replace(/^proposal\./, '').replace(/\..*$/, '')}` })),
  );
  return (
    <NarrowPage heading={t.heading}>
      <p>{t.intro}</p>
      <form className="admin-form" onSubmit={onSubmit} noValidate>
        <div ref={summaryRef} tabIndex={-1}>
          <ErrorSummary title={tf.errorsSummary(summary.length)} items={summary} />
          <FormError error={send.error} />
        </div>
        <fieldset>
          <legend>{t.structure}</legend>
          <TextField {...bind('name')} errors={errorsFor('proposal.name')} required autoComplete="organization" />
          <SelectField
            {...bind('type')}
            onChange={(v) => set('type', v as ActorType | '')}
            errors={errorsFor('proposal.type')}
            options={[['', t.chooseType], ...Object.entries(ACTOR_TYPE_LABELS)]}
            required
          />
          <TextArea {...bind('description')} errors={errorsFor('proposal.description')} />
          <CheckboxGroup {...bind('publics')} options={PUBLIC_LABELS} errors={errorsFor('proposal.publics')} />
          <CheckboxGroup {...bind('actions')} options={ACTION_LABELS} errors={errorsFor('proposal.actions')} />
        </fieldset>
        <fieldset>
          <legend>{t.place}</legend>
          <div className="field">
            <label htmlFor="rf-sites">{t.place}</label>
            <p id="rf-sites-hint" className="field__hint">
              {form.place ? t.placeChosen(form.place.label) : t.placeHint}
            </p>
            <PlaceCombobox
              id="rf-sites"
              value={form.placeText}
              describedBy="rf-sites-hint"
              invalid={errorsFor('proposal.sites').length > 0}
              onChange={(text) => setForm((f) => ({ ...f, placeText: text, place: null }))}
              onPick={(s) => {
                const label = suggestionLabel(s);
                const place: Place =
                  s.kind === 'commune'
                    ? {
                        commune: s.code,
                        departement: s.departement?.code,
                        label,
                        ...(s.postcodes.length === 1 ? { postcode: s.postcodes[0] } : {}),
                      }
                    : s.kind === 'postcode'
                      ? { postcode: s.code, departement: s.departement?.code, label }
                      : s.kind === 'departement'
                        ? { departement: s.code, label }
                        : { label };
                setForm((f) => ({ ...f, placeText: label, place }));
              }}
            />
            {errorsFor('proposal.sites').length > 0 && (
              <p className="field__error">{[...new Set(errorsFor('proposal.sites'))].join(' ')}</p>
            )}
          </div>
          <TextField {...bind('address')} autoComplete="street-address" />
          <Checkbox id="rf-confidential" label={t.confidential} checked={form.confidential} onChange={(v) => set('confidential', v)} />
          <SelectField {...bind('zone')} onChange={(v) => set('zone', v as Zone)} options={Object.entries(t.zones)} />
        </fieldset>
        <fieldset>
          <legend>{frAdmin.edit.contacts}</legend>
          <div className="admin-grid">
            {CONTACT_INPUTS.map(([k, type]) => (
              <TextField key={k} {...bind(k)} type={type} errors={errorsFor(`proposal.${k}`)} />
            ))}
            <TextField {...bind('siret')} errors={errorsFor('proposal.siret')} inputMode="numeric" />
          </div>
        </fieldset>
        <TextArea {...bind('message')} errors={errorsFor('message')} rows={3} />
        <SubmitterFields value={submitter} onChange={setSubmitter} errorsFor={errorsFor} />
        <p>
          <SubmitButton pending={send.isPending} label={tf.send} busy={tf.sending} />
        </p>
      </form>
    </NarrowPage>
  );
}
