/**
 * The contact request form: the minimum to be called back, who receives it and for how long it is
 * kept, field-level errors from the API's `issues`, then the reference and what happens next.
 */
import { MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH, ORIENTATION_PROFILES } from '@pare/schema/codes';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { HintedField, HoneypotField, SubmitButton } from '../../components/form-parts.tsx';
import { DEFAULT_RETENTION_DAYS, frOrientation } from '../../i18n/fr.orientation.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { PlaceCombobox, suggestionLabel } from '../territories/place-combobox.tsx';
import type { TerritorySuggestion } from '../territories/queries.ts';
import './orientation.css';
import { type ContactRequestCreated, type Profile, postContactRequest, type Urgency } from './queries.ts';
import type { PickedPlace } from './types.ts';

const t = frOrientation.form;
const FIELDS = ['name', 'phone', 'email', 'profile', 'commune', 'message', 'consent'] as const;
type Field = (typeof FIELDS)[number];
/** The one-line fields: how a browser may fill them, and their longest value. */
const TEXT_INPUTS = {
  name: { type: 'text', autoComplete: 'nickname', maxLength: NAME_MAX_LENGTH },
  phone: { type: 'tel', autoComplete: 'tel', maxLength: 30 },
  email: { type: 'email', autoComplete: 'email', maxLength: 254 },
} as const;

export type ContactRequestFormProps = {
  /** The actor to contact (its slug); without it the request goes to the PARÉ team. */
  actor?: string | undefined;
  /** Its name, for the heading. */
  actorName?: string | undefined;
  defaultProfile?: Profile | undefined;
  /** A commune picked earlier (the orientation's answer); a département alone is not enough here. */
  defaultPlace?: PickedPlace | null | undefined;
  /** Heading level inside the page it sits in. */
  headingLevel?: 2 | 3;
  /** Its heading, when the page's title already says « Demander à être recontacté par … ». */
  heading?: string | undefined;
  /** The orientation's answers, sent with the request so the team sees (and sorts by) its urgency. */
  orientation?: { needs: string[]; urgency: Urgency | null } | undefined;
};

/** The first message the API gave for each field. */
function fieldErrors(error: unknown): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  if (!(error instanceof ApiRequestError)) return out;
  for (const issue of error.issues) {
    const field = issue.path.split('.')[0] as Field;
    if ((FIELDS as readonly string[]).includes(field) && !out[field]) out[field] = issue.message;
  }
  return out;
}

function generalError(error: unknown): string | null {
  if (!(error instanceof ApiRequestError)) return error ? frOrientation.results.errorTitle : null;
  if (error.code === 'rate_limited') return t.rateLimited;
  if (error.code === 'payload_too_large') return t.tooLarge;
  if (error.code === 'validation_error' && error.issues.length > 0) {
    // Issues on fields the form shows are displayed beside them; the others (the chosen actor
    // withdrawn meanwhile, say) would otherwise vanish: say them here.
    const elsewhere = error.issues.filter((i) => !(FIELDS as readonly string[]).includes(i.path.split('.')[0] ?? ''));
    return elsewhere.length > 0 ? elsewhere.map((i) => i.message).join(' ') : null;
  }
  return error.message;
}

export function ContactRequestForm({
  actor,
  actorName,
  defaultProfile,
  defaultPlace,
  headingLevel = 2,
  heading,
  orientation,
}: ContactRequestFormProps) {
  const uid = useId();
  const id = (f: string) => `${uid}-${f}`;
  const initialPlace = defaultPlace?.kind === 'commune' ? defaultPlace : null;
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [profile, setProfile] = useState<Profile | ''>(defaultProfile ?? '');
  const [placeText, setPlaceText] = useState(initialPlace?.label ?? '');
  const [commune, setCommune] = useState(initialPlace?.code ?? '');
  const [placeProblem, setPlaceProblem] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const successRef = useRef<HTMLHeadingElement>(null);

  const mutation = useMutation<ContactRequestCreated, Error>({
    mutationFn: () =>
      postContactRequest({
        name,
        phone,
        email,
        profile,
        commune,
        message,
        consent,
        actor,
        website,
        needs: orientation?.needs,
        urgency: orientation?.urgency ?? undefined,
      }),
  });

  const errors = { ...fieldErrors(mutation.error), ...(placeProblem ? { commune: placeProblem } : {}) };
  const general = generalError(mutation.error);
  const errorList = FIELDS.filter((f) => errors[f]);
  // One line per distinct message: « un téléphone ou un e-mail » is one problem, not two.
  const summaryList = errorList.filter((f, i) => errorList.findIndex((g) => errors[g] === errors[f]) === i);

  // After a failed send, the summary takes the focus; after a success, the confirmation does.
  useEffect(() => {
    if (mutation.isError) summaryRef.current?.focus();
  }, [mutation.isError, mutation.error]);
  useEffect(() => {
    if (mutation.isSuccess) successRef.current?.focus();
  }, [mutation.isSuccess]);

  function pick(s: TerritorySuggestion) {
    setPlaceText(suggestionLabel(s));
    if (s.kind === 'commune' || s.kind === 'postcode') {
      // A postcode suggestion carries the INSEE code of its commune.
      setCommune(s.code);
      setPlaceProblem(null);
    } else {
      setCommune('');
      setPlaceProblem(t.communeNeeded);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (mutation.isPending) return;
    if (placeText.trim() && !commune) {
      setPlaceProblem(t.communeNeeded);
      summaryRef.current?.focus();
      return;
    }
    mutation.mutate();
  }

  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  if (mutation.isSuccess) {
    const done = mutation.data;
    return (
      <section className="contact-form contact-form--done" aria-labelledby={id('done')}>
        <Heading id={id('done')} ref={successRef} tabIndex={-1}>
          {t.successHeading}
        </Heading>
        <p className="contact-form__reference">
          {t.referenceLabel} : <strong>{done.reference}</strong>
        </p>
        <p className="field__hint">
          {t.referenceHint} <Link href="/suivre-ma-demande">{t.followLink}</Link>
        </p>
        {/* The server's text says who has the request, what comes next and how long it is kept. */}
        <p>{done.next_steps}</p>
        <p className="notice__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setMessage('');
              setConsent(false);
              mutation.reset();
            }}
          >
            {t.another}
          </button>
        </p>
      </section>
    );
  }

  const describe = (field: Field, hint?: boolean) =>
    [hint ? id(`${field}-hint`) : '', errors[field] ? id(`${field}-error`) : ''].filter(Boolean).join(' ') || undefined;
  const errorText = (field: Field) =>
    errors[field] ? (
      <p id={id(`${field}-error`)} className="field__error">
        {errors[field]}
      </p>
    ) : null;

  /** A one-line field of the form (name, phone, e-mail), with its hint and the API's message. */
  const contactInput = (field: keyof typeof TEXT_INPUTS, value: string, setValue: (v: string) => void) => (
    <HintedField id={id(field)} hintId={id(`${field}-hint`)} label={t[field]} hint={t[`${field}Hint`]}>
      <input
        id={id(field)}
        {...TEXT_INPUTS[field]}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describe(field, true)}
      />
      {errorText(field)}
    </HintedField>
  );

  return (
    <section className="contact-form" aria-labelledby={id('heading')}>
      <Heading id={id('heading')}>{heading ?? (actorName ? t.headingFor(actorName) : t.heading)}</Heading>
      <p>{t.intro}</p>
      <div className="notice contact-form__privacy">
        <p>{t.whoReceives}</p>
        <p>{t.retention(DEFAULT_RETENTION_DAYS)}</p>
      </div>

      <div
        ref={summaryRef}
        tabIndex={-1}
        className={errorList.length > 0 || general ? 'notice notice--error' : undefined}
        role={errorList.length > 0 || general ? 'alert' : undefined}
      >
        {general && <p>{general}</p>}
        {errorList.length > 0 && (
          <>
            <p>{t.errorsHeading(summaryList.length)}</p>
            <ul>
              {summaryList.map((f) => (
                <li key={f}>
                  <a href={`#${id(f)}`}>{errors[f]}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>

      <form className="contact-form__form" onSubmit={onSubmit} noValidate>
        {contactInput('name', name, setName)}

        <fieldset className="contact-form__group">
          <legend>{t.contactLegend}</legend>
          <p className="field__hint">{t.contactHint}</p>
          {contactInput('phone', phone, setPhone)}
          {contactInput('email', email, setEmail)}
        </fieldset>

        <fieldset className="contact-form__group" aria-describedby={errors.profile ? id('profile-error') : undefined}>
          <legend id={id('profile')} tabIndex={-1}>
            {t.profileLegend}
          </legend>
          <div className="choice-list choice-list--inline">
            {ORIENTATION_PROFILES.map((p) => (
              <label key={p} className="choice">
                <input type="radio" name={id('profile-radio')} value={p} checked={profile === p} onChange={() => setProfile(p)} />
                <span>{t.profiles[p]}</span>
              </label>
            ))}
          </div>
          {errorText('profile')}
        </fieldset>

        <HintedField id={id('commune')} hintId={id('commune-hint')} label={t.commune} hint={t.communeHint}>
          <PlaceCombobox
            id={id('commune')}
            value={placeText}
            onChange={(text) => {
              setPlaceText(text);
              setCommune('');
              setPlaceProblem(null);
            }}
            onPick={pick}
            describedBy={describe('commune', true)}
            invalid={Boolean(errors.commune)}
          />
          {errorText('commune')}
        </HintedField>

        <HintedField id={id('message')} hintId={id('message-hint')} label={t.message} hint={t.messageHint}>
          <textarea
            id={id('message')}
            rows={5}
            maxLength={MESSAGE_MAX_LENGTH}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            aria-invalid={errors.message ? true : undefined}
            aria-describedby={[describe('message', true), id('message-count')].filter(Boolean).join(' ')}
          />
          <p id={id('message-count')} className="field__hint" aria-live="polite">
            {message.length > MESSAGE_MAX_LENGTH * 0.8 ? t.messageCount(message.length, MESSAGE_MAX_LENGTH) : ''}
          </p>
          {errorText('message')}
        </HintedField>

        {/* Invisible to people (and to screen readers); robots fill it, and the server then ignores the request. */}
        <HoneypotField
          id={id('website')}
          className="contact-form__trap"
          label={t.honeypot}
          name="website"
          value={website}
          onChange={setWebsite}
        />

        <div className="field">
          <label className="choice" htmlFor={id('consent')}>
            <input
              id={id('consent')}
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={describe('consent')}
            />
            <span>{t.consent}</span>
          </label>
          {errorText('consent')}
        </div>

        <p className="field--submit">
          <SubmitButton pending={mutation.isPending} label={t.submit} busy={t.sending} />
        </p>
      </form>
    </section>
  );
}
