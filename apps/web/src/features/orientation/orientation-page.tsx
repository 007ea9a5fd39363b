/**
 * The orientation: four questions one at a time (who, where, what, how urgent), then whom to contact
 * and why. When someone is in danger, the emergency numbers come first, before anything else.
 */
import type { ActorListItem, PublicActor } from '@pare/schema';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, type ReactNode, type Ref, type RefObject, Suspense, useEffect, useId, useRef, useState } from 'react';
import { ErrorBoundary } from '../../components/error-boundary.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frOrientation } from '../../i18n/fr.orientation.ts';
import { phoneHref, safeHttpUrl } from '../../lib/format.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { actorQuery } from '../actor/queries.ts';
import { PlaceCombobox, suggestionLabel } from '../territories/place-combobox.tsx';
import type { TerritorySuggestion } from '../territories/queries.ts';
import { ContactRequestForm } from './contact-request-form.tsx';
import './orientation.css';
import { orientationQuery } from './queries.ts';
import {
  GROUPS,
  type Group,
  NEEDS,
  type OrientationInput,
  type OrientationNotice,
  type PickedPlace,
  PROFILES,
  type Profile,
  type Recommendation,
  UNKNOWN_NEED,
  URGENCIES,
  type Urgency,
} from './types.ts';

// MapLibre is big: fetched only when the person asks for the map.
const SearchMap = lazy(() => import('../map/search-map.tsx'));

const t = frOrientation;
const STEPS = ['profile', 'place', 'needs', 'urgency'] as const;
type Step = (typeof STEPS)[number];

type Answers = { profile: Profile | null; place: PickedPlace | null; needs: string[]; urgency: Urgency | null };

function toInput(a: Answers): OrientationInput | null {
  if (!a.profile || !a.place || a.needs.length === 0 || !a.urgency) return null;
  return {
    profile: a.profile,
    ...(a.place.kind === 'commune' ? { commune: a.place.code } : { departement: a.place.code }),
    needs: a.needs,
    urgency: a.urgency,
  };
}

/** 17, 112, 119 and the 114 by SMS: big, first, and reachable with one tap. */
function EmergencyNumbers({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const e = t.emergency;
  const numbers = [
    { href: 'tel:17', label: e.call17, detail: e.call17Detail },
    { href: 'tel:112', label: e.call112, detail: e.call112Detail },
    { href: 'tel:119', label: e.call119, detail: e.call119Detail },
    { href: 'sms:114', label: e.sms114, detail: e.sms114Detail },
  ];
  return (
    <section className="orientation-emergency" aria-labelledby="orientation-urgence">
      <h2 id="orientation-urgence" ref={headingRef} tabIndex={-1}>
        {e.heading}
      </h2>
      <p>{e.intro}</p>
      <ul className="orientation-emergency__list">
        {numbers.map((n) => (
          <li key={n.href}>
            <a className="orientation-emergency__number" href={n.href}>
              <span className="orientation-emergency__label">{n.label}</span>
              <span className="orientation-emergency__detail">{n.detail}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

const PANEL_NUMBERS = new Set(['17', '112', '119', '114']);
/** An actor whose public numbers are all in the emergency panel. */
function inPanel(actor: PublicActor): boolean {
  const numbers = actor.contacts.filter((c) => c.kind === 'phone' || c.kind === 'sms').map((c) => c.value.replace(/\s/g, ''));
  return numbers.length > 0 && numbers.some((n) => PANEL_NUMBERS.has(n));
}

/** The button that fits the channel the engine chose: a tel: link, a written channel, or the contact form. */
function ChannelAction({
  rec,
  formOpen,
  formId,
  onToggleForm,
}: {
  rec: Recommendation;
  formOpen: boolean;
  formId: string;
  onToggleForm: () => void;
}) {
  const r = t.results;
  const { actor, channel } = rec;
  const find = (kind: string) => actor.contacts.find((c) => c.kind === kind);
  if (channel === 'demande-de-contact') {
    return (
      <button type="button" className="button button--primary" aria-expanded={formOpen} aria-controls={formId} onClick={onToggleForm}>
        {formOpen ? r.closeForm : r.requestContact}
        {!formOpen && <span className="visually-hidden"> ({actor.name})</span>}
      </button>
    );
  }
  if (channel === 'appeler') {
    const phone = find('phone');
    if (phone) {
      return (
        <a className="button button--primary" href={phoneHref(phone.value)} aria-label={r.callLabel(actor.name, phone.value)}>
          {r.call(phone.value)}
        </a>
      );
    }
  }
  const sms = find('sms');
  if (sms) {
    return (
      <a className="button button--primary" href={phoneHref(sms.value, 'sms')} aria-label={r.smsLabel(actor.name, sms.value)}>
        {r.sms(sms.value)}
      </a>
    );
  }
  const email = find('email');
  if (email) {
    return (
      <a className="button button--primary" href={`mailto:${email.value}`} aria-label={r.emailLabel(actor.name)}>
        {r.email}
      </a>
    );
  }
  const web = find('chat') ?? find('website');
  const url = web ? safeHttpUrl(web.value) : null;
  if (web && url) {
    return (
      <a
        className="button button--primary"
        href={url}
        target="_blank"
        rel="noopener noreferrer external"
        aria-label={web.kind === 'chat' ? r.chatLabel(actor.name) : r.websiteLabel(actor.name)}
      >
        {web.kind === 'chat' ? r.chat : r.website}
      </a>
    );
  }
  return (
    <Link className="button button--secondary" href={`/acteurs/${actor.slug}`}>
      {r.viewActor(actor.name)}
    </Link>
  );
}

/** What the seed says about the channel's line: its hours, whether it is free (« 7 j/7 de 9 h à 23 h »). */
function mainLabel(rec: Recommendation): string | null {
  if (rec.channel === 'demande-de-contact') return null;
  const kinds = rec.channel === 'appeler' ? ['phone', 'sms', 'email', 'chat', 'website'] : ['sms', 'email', 'chat', 'website'];
  for (const kind of kinds) {
    const c = rec.actor.contacts.find((x) => x.kind === kind && !x.professional_only);
    if (c) return c.label;
  }
  return null;
}

function RecommendationCard({ rec, answers, highlighted }: { rec: Recommendation; answers: Answers; highlighted: boolean }) {
  const [formOpen, setFormOpen] = useState(false);
  const formId = useId();
  const r = t.results;
  return (
    <li id={`orientation-${rec.actor.id}`} className={`result orientation-result${highlighted ? ' is-highlighted' : ''}`}>
      <h4 className="result__name">
        <Link href={`/acteurs/${rec.actor.slug}`}>{rec.actor.name}</Link>
      </h4>
      <p>{rec.reason}</p>
      {/* Under 1 km the distance is between two commune centres: the reason already says "in your commune". */}
      {rec.distance_km !== undefined && rec.distance_km >= 1 && rec.group !== 'national' && (
        <p className="result__distance">{r.distance(rec.distance_km)}</p>
      )}
      <p className="notice__actions">
        <ChannelAction rec={rec} formOpen={formOpen} formId={formId} onToggleForm={() => setFormOpen((o) => !o)} />
      </p>
      {mainLabel(rec) && <p className="orientation-result__hours">{mainLabel(rec)}</p>}
      {rec.channel === 'demande-de-contact' && (
        <div id={formId} hidden={!formOpen}>
          {formOpen && (
            <ContactRequestForm
              actor={rec.actor.slug}
              actorName={rec.actor.name}
              defaultProfile={answers.profile ?? undefined}
              defaultPlace={answers.place}
              orientation={{ needs: answers.needs, urgency: answers.urgency }}
              headingLevel={3}
            />
          )}
        </div>
      )}
    </li>
  );
}

function Notices({ notices }: { notices: OrientationNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <section className="orientation-notices" aria-labelledby="orientation-avis">
      <h3 id="orientation-avis">{t.results.noticesHeading}</h3>
      <ul>
        {notices.map((n) => (
          <li key={n.code} className="notice">
            <p className="notice__title">
              <strong>{n.title}</strong>
            </p>
            <p>{n.text}</p>
            {n.reference && (
              <p>
                <a href={n.reference.url} rel="noopener noreferrer external" target="_blank">
                  {n.reference.label}
                </a>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Results({
  input,
  answers,
  onEdit,
  onRestart,
  emergencyRef,
}: {
  input: OrientationInput;
  answers: Answers;
  onEdit: () => void;
  onRestart: () => void;
  emergencyRef: RefObject<HTMLHeadingElement | null>;
}) {
  const query = useQuery(orientationQuery(input));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [showMap, setShowMap] = useState(false);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const [teamForm, setTeamForm] = useState(false);
  const r = t.results;
  const danger = input.urgency === 'danger-immediat';

  // The results take the focus; in danger, the emergency numbers above them do.
  useEffect(() => {
    (danger ? emergencyRef.current : headingRef.current)?.focus();
  }, [danger, emergencyRef]);

  // In danger, the big panel above already gives 17, 112, 119 and the 114: their cards are not repeated.
  const recs = (query.data?.recommendations ?? []).filter((x) => !(danger && x.group === 'urgence' && inPanel(x.actor)));
  // The notice repeating the emergency numbers is shown as the big panel when there is danger.
  const notices = (query.data?.notices ?? []).filter((n) => !(danger && n.code === 'numeros-urgence'));
  const byGroup = new Map<Group, Recommendation[]>();
  for (const rec of recs) byGroup.set(rec.group, [...(byGroup.get(rec.group) ?? []), rec]);
  const mapItems: ActorListItem[] = recs
    .map((x) => x.actor as PublicActor)
    .filter((a) => a.territory.scope !== 'national' && a.sites.length > 0);

  function selectOnMap(actorId: number) {
    setHighlighted(actorId);
    const card = document.getElementById(`orientation-${actorId}`);
    card?.scrollIntoView({ block: 'center' });
    card?.querySelector<HTMLElement>('a, button')?.focus({ preventScroll: true });
  }

  return (
    <section className="orientation-results" aria-labelledby="orientation-resultats">
      <h2 id="orientation-resultats" ref={headingRef} tabIndex={-1}>
        {r.heading}
      </h2>
      <p className="notice__actions">
        <button type="button" className="button button--secondary" onClick={onEdit}>
          {t.page.editAnswers}
        </button>
        <button type="button" className="button button--link" onClick={onRestart}>
          {t.page.restart}
        </button>
      </p>
      {query.isPending && (
        <p className="notice" role="status">
          {r.loading}
        </p>
      )}
      {query.isError && (
        <ErrorMessage title={r.errorTitle} error={query.error}>
          <p className="notice__actions">
            <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
              {r.retry}
            </button>
          </p>
        </ErrorMessage>
      )}
      {query.data && (
        <>
          <p role="status">{r.count(recs.length)}</p>
          {GROUPS.filter((g) => byGroup.has(g)).map((g) => (
            <section
              key={g}
              className={`result-block${g === 'national' ? ' result-block--national' : ''}`}
              aria-labelledby={`orientation-groupe-${g}`}
            >
              <h3 id={`orientation-groupe-${g}`} className="result-block__title">
                {r.groups[g]}
              </h3>
              <ul className="result-list">
                {(byGroup.get(g) ?? []).map((rec) => (
                  <RecommendationCard key={rec.actor.id} rec={rec} answers={answers} highlighted={highlighted === rec.actor.id} />
                ))}
              </ul>
            </section>
          ))}
          <Notices notices={notices} />

          <section className="notice orientation-team" aria-labelledby="orientation-equipe">
            <h3 id="orientation-equipe">{r.noneFitsHeading}</h3>
            <p>{r.noneFitsText}</p>
            <p>
              <button
                type="button"
                className="button button--secondary"
                aria-expanded={teamForm}
                aria-controls="orientation-equipe-form"
                onClick={() => setTeamForm((o) => !o)}
              >
                {teamForm ? r.closeForm : r.noneFitsButton}
              </button>
            </p>
            <div id="orientation-equipe-form" hidden={!teamForm}>
              {teamForm && (
                <ContactRequestForm
                  defaultProfile={answers.profile ?? undefined}
                  defaultPlace={answers.place}
                  orientation={{ needs: answers.needs, urgency: answers.urgency }}
                  headingLevel={3}
                />
              )}
            </div>
          </section>

          {mapItems.length > 0 && (
            <section className="orientation-map" aria-label={r.showMap}>
              <p>
                <button type="button" className="button button--secondary" aria-expanded={showMap} onClick={() => setShowMap((s) => !s)}>
                  {showMap ? r.hideMap : r.showMap}
                </button>
              </p>
              {showMap && (
                <>
                  <p className="field__hint">{r.mapNote}</p>
                  <ErrorBoundary fallback={null}>
                    <Suspense fallback={<p className="notice">{r.mapLoading}</p>}>
                      <div className="orientation-map__frame">
                        <SearchMap
                          items={mapItems}
                          place={null}
                          searchKey={JSON.stringify(input)}
                          highlightedId={highlighted}
                          onHover={setHighlighted}
                          onSelect={selectOnMap}
                        />
                      </div>
                    </Suspense>
                  </ErrorBoundary>
                </>
              )}
            </section>
          )}
        </>
      )}
    </section>
  );
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * `/orientation?acteur=<slug>` (the « Demander à être mis en relation » button of an actor's page):
 * the contact form for that actor first, the four questions one click away.
 */
function ActorContact({ slug }: { slug: string }) {
  const actor = useQuery(actorQuery(slug));
  const f = t.forActor;
  useDocumentTitle(actor.data ? frOrientation.form.headingFor(actor.data.name) : t.page.title);
  return (
    <div className="narrow-page orientation">
      <div className="page-intro">
        <h1 tabIndex={-1} data-page-heading>
          {actor.data ? frOrientation.form.headingFor(actor.data.name) : frOrientation.form.heading}
        </h1>
        <p>
          <Link href={`/acteurs/${slug}`}>{f.back}</Link>
        </p>
      </div>
      {actor.isPending && <p role="status">{f.loading}</p>}
      {actor.isError && <ErrorMessage error={actor.error} />}
      {actor.data && <ContactRequestForm actor={slug} actorName={actor.data.name} headingLevel={2} />}
      <p className="orientation-team">
        <button type="button" className="button button--link" onClick={() => navigate('/orientation')}>
          {f.orQuestions}
        </button>
      </p>
    </div>
  );
}

export function OrientationPage() {
  const acteur = new URLSearchParams(useLocation().search).get('acteur');
  if (acteur && SLUG.test(acteur)) return <ActorContact key={acteur} slug={acteur} />;
  return <OrientationQuestions />;
}

const EMPTY_ANSWERS: Answers = { profile: null, place: null, needs: [], urgency: null };

/**
 * The questionnaire's place lives in the URL (`?question=2`, `?question=contacts`) and its answers in
 * the history entry's state (never in storage): Back goes to the previous question with the answers
 * kept, a reload keeps them, and the quick exit (location.replace) still leaves no entry behind.
 */
type Saved = { answers: Answers; placeText: string };
type OrientationState = { orientation?: Saved; orientationPushed?: boolean };

function savedState(): Saved | null {
  const s: unknown = window.history.state;
  if (typeof s !== 'object' || s === null || !('orientation' in s)) return null;
  const o = (s as OrientationState).orientation;
  if (!o || typeof o !== 'object' || !o.answers || typeof o.placeText !== 'string') return null;
  const a = o.answers;
  return {
    placeText: o.placeText,
    answers: {
      profile: (PROFILES as readonly string[]).includes(a.profile ?? '') ? a.profile : null,
      place: a.place && typeof a.place.code === 'string' ? a.place : null,
      needs: Array.isArray(a.needs) ? a.needs.filter((n) => typeof n === 'string') : [],
      urgency: (URGENCIES as readonly string[]).includes(a.urgency ?? '') ? a.urgency : null,
    },
  };
}

/** A new history entry for this page, with the answers in its state; the router hears it as a popstate. */
function pushQuestion(param: string, saved: Saved): void {
  const state: OrientationState = { orientation: saved, orientationPushed: true };
  window.history.pushState(state, '', `/orientation?question=${param}`);
  window.dispatchEvent(new PopStateEvent('popstate', { state }));
  window.scrollTo(0, 0);
}

function firstUnanswered(a: Answers): number {
  if (!a.profile) return 0;
  if (!a.place) return 1;
  if (a.needs.length === 0) return 2;
  if (!a.urgency) return 3;
  return 4;
}

function OrientationQuestions() {
  useDocumentTitle(t.page.title);
  const ids = { place: useId(), placeHint: useId(), error: useId() };
  const location = useLocation();
  const [answers, setAnswers] = useState<Answers>(() => savedState()?.answers ?? EMPTY_ANSWERS);
  const [placeText, setPlaceText] = useState(() => savedState()?.placeText ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const questionRef = useRef<HTMLHeadingElement>(null);
  const emergencyRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  // Where the URL says we are, never past the first question still unanswered.
  const param = new URLSearchParams(location.search).get('question');
  const reachable = firstUnanswered(answers);
  const wanted = param === 'contacts' ? 4 : Math.max(0, Math.min(3, (Number(param) || 1) - 1));
  const position = Math.min(wanted, reachable);
  const submitted = position === 4 ? toInput(answers) : null;
  const step = Math.min(position, 3);
  const current: Step = STEPS[step] ?? 'profile';
  const danger = answers.urgency === 'danger-immediat';

  // The answers follow their history entry (Back, Forward, reload).
  useEffect(() => {
    const prev: unknown = window.history.state;
    const base = typeof prev === 'object' && prev !== null ? prev : {};
    window.history.replaceState({ ...base, orientation: { answers, placeText } }, '');
  }, [answers, placeText]);

  // Back or Forward brought other answers (another entry's): take them.
  useEffect(() => {
    function onPop() {
      const saved = savedState();
      if (saved) {
        setAnswers(saved.answers);
        setPlaceText(saved.placeText);
      }
      setProblem(null);
    }
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // A new question (not the first page load) takes the focus, so screen readers read it.
  const shownStep = useRef(position);
  useEffect(() => {
    if (shownStep.current === position) return;
    shownStep.current = position;
    if (position < 4) questionRef.current?.focus();
  }, [position]);

  // Danger chosen: the numbers are announced (role=alert below) and brought into view, without
  // moving the focus away from the radio buttons the person is still using.
  const wasDanger = useRef(danger);
  useEffect(() => {
    if (danger && !wasDanger.current && !submitted) panelRef.current?.scrollIntoView({ block: 'start' });
    wasDanger.current = danger;
  }, [danger, submitted]);

  function answered(s: Step): boolean {
    if (s === 'profile') return answers.profile !== null;
    if (s === 'place') return answers.place !== null;
    if (s === 'needs') return answers.needs.length > 0;
    return answers.urgency !== null;
  }

  function next(e: FormEvent) {
    e.preventDefault();
    if (!answered(current)) {
      setProblem(current === 'place' ? t.place.pickOne : t.page.required);
      return;
    }
    setProblem(null);
    pushQuestion(step < STEPS.length - 1 ? String(step + 2) : 'contacts', { answers, placeText });
  }

  function back() {
    setProblem(null);
    const s: unknown = window.history.state;
    // This question was reached from the previous one: Back is the same move.
    if (typeof s === 'object' && s !== null && (s as OrientationState).orientationPushed) window.history.back();
    else {
      const state: OrientationState = { orientation: { answers, placeText } };
      window.history.replaceState(state, '', `/orientation?question=${Math.max(1, step)}`);
      window.dispatchEvent(new PopStateEvent('popstate', { state }));
    }
  }

  function pickPlace(s: TerritorySuggestion) {
    const label = suggestionLabel(s);
    setPlaceText(label);
    setProblem(null);
    if (s.kind === 'departement') setAnswers({ ...answers, place: { kind: 'departement', code: s.code, label } });
    // A postcode suggestion carries its commune's INSEE code.
    else setAnswers({ ...answers, place: { kind: 'commune', code: s.code, label } });
  }

  function choose(patch: Partial<Answers>) {
    setAnswers({ ...answers, ...patch });
    setProblem(null);
  }

  function toggleNeed(need: string, checked: boolean) {
    setProblem(null);
    if (need === UNKNOWN_NEED) setAnswers({ ...answers, needs: checked ? [UNKNOWN_NEED] : [] });
    else {
      const others = answers.needs.filter((n) => n !== UNKNOWN_NEED && n !== need);
      setAnswers({ ...answers, needs: checked ? [...others, need] : others });
    }
  }

  const restart = () => {
    setAnswers(EMPTY_ANSWERS);
    setPlaceText('');
    pushQuestion('1', { answers: EMPTY_ANSWERS, placeText: '' });
  };

  const errorProps = problem ? { 'aria-describedby': ids.error } : {};
  const errorText = problem ? (
    <p id={ids.error} className="field__error" role="alert">
      {problem}
    </p>
  ) : null;

  let question: ReactNode;
  switch (current) {
    case 'profile':
      question = (
        <fieldset className="orientation-question" {...errorProps}>
          <legend>
            <h2 ref={questionRef} tabIndex={-1}>
              {t.profile.legend}
            </h2>
          </legend>
          <div className="choice-list">
            {PROFILES.map((p) => (
              <label key={p} className="choice choice--card">
                <input type="radio" name="profil" value={p} checked={answers.profile === p} onChange={() => choose({ profile: p })} />
                <span>
                  <strong>{t.profile.options[p].label}</strong>
                  <span className="choice__hint">{t.profile.options[p].hint}</span>
                </span>
              </label>
            ))}
          </div>
          {errorText}
        </fieldset>
      );
      break;
    case 'place':
      question = (
        <fieldset className="orientation-question">
          <legend>
            <h2 ref={questionRef} tabIndex={-1}>
              {answers.profile === 'professionnel' ? t.place.legendProfessional : t.place.legend}
            </h2>
          </legend>
          <div className="field">
            <label htmlFor={ids.place}>{t.place.label}</label>
            <p id={ids.placeHint} className="field__hint">
              {t.place.hint}
            </p>
            <PlaceCombobox
              id={ids.place}
              value={placeText}
              onChange={(text) => {
                setPlaceText(text);
                setProblem(null);
                if (answers.place && text !== answers.place.label) setAnswers({ ...answers, place: null });
              }}
              onPick={pickPlace}
              describedBy={[ids.placeHint, problem ? ids.error : ''].filter(Boolean).join(' ')}
              invalid={Boolean(problem)}
            />
            {answers.place && <p className="field__hint">{t.place.chosen(answers.place.label)}</p>}
            {errorText}
          </div>
        </fieldset>
      );
      break;
    case 'needs':
      question = (
        <fieldset className="orientation-question" {...errorProps}>
          <legend>
            <h2 ref={questionRef} tabIndex={-1}>
              {t.needs.legend}
            </h2>
          </legend>
          <p className="field__hint">{t.needs.hint}</p>
          <div className="choice-list">
            {[...NEEDS, UNKNOWN_NEED].map((need) => (
              <label key={need} className="choice">
                <input
                  type="checkbox"
                  value={need}
                  checked={answers.needs.includes(need)}
                  onChange={(e) => toggleNeed(need, e.target.checked)}
                />
                <span>{need === UNKNOWN_NEED ? t.needs.unknown : t.needs.options[need]}</span>
              </label>
            ))}
          </div>
          {errorText}
        </fieldset>
      );
      break;
    default:
      question = (
        <fieldset className="orientation-question" {...errorProps}>
          <legend>
            <h2 ref={questionRef} tabIndex={-1}>
              {t.urgency.legend}
            </h2>
          </legend>
          <div className="choice-list">
            {URGENCIES.map((u) => (
              <label key={u} className={`choice choice--card${u === 'danger-immediat' ? ' choice--danger' : ''}`}>
                <input type="radio" name="urgence" value={u} checked={answers.urgency === u} onChange={() => choose({ urgency: u })} />
                <span>
                  <strong>{t.urgency.options[u].label}</strong>
                  <span className="choice__hint">{t.urgency.options[u].hint}</span>
                </span>
              </label>
            ))}
          </div>
          {errorText}
        </fieldset>
      );
  }

  return (
    <div className="narrow-page orientation">
      <div role="alert" ref={panelRef} className="orientation-alert">
        {danger && <EmergencyNumbers headingRef={emergencyRef} />}
      </div>
      <div className="page-intro">
        <h1 tabIndex={-1} data-page-heading>
          {t.page.heading}
        </h1>
        {!submitted && <p>{t.page.intro}</p>}
      </div>
      {submitted ? (
        <Results
          input={submitted}
          answers={answers}
          onEdit={() => pushQuestion('1', { answers, placeText })}
          onRestart={restart}
          emergencyRef={emergencyRef}
        />
      ) : (
        <form className="orientation-step" onSubmit={next} noValidate>
          <p className="orientation-step__count">{t.page.stepOf(step + 1, STEPS.length)}</p>
          {question}
          <p className="notice__actions">
            {step > 0 && (
              <button type="button" className="button button--secondary" onClick={back}>
                {t.page.previous}
              </button>
            )}
            <button type="submit" className="button button--primary">
              {step < STEPS.length - 1 ? t.page.next : t.page.showResults}
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
