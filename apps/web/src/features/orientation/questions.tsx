/**
 * The orientation's four questions, one at a time (who, where, what, how urgent); once answered,
 * the results below the emergency numbers when someone is in danger.
 */
import { ORIENTATION_PROFILES, UNKNOWN_NEED, URGENCIES } from '@pare/schema/codes';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { HintedField } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frOrientation } from '../../i18n/fr.orientation.ts';
import { useLocation } from '../../lib/router.tsx';
import { PlaceCombobox, suggestionLabel } from '../territories/place-combobox.tsx';
import type { TerritorySuggestion } from '../territories/queries.ts';
import {
  type Answers,
  EMPTY_ANSWERS,
  firstUnanswered,
  type OrientationState,
  pushQuestion,
  STEPS,
  type Step,
  savedState,
  toInput,
} from './answers.ts';
import { EmergencyNumbers, Results } from './results.tsx';
import { NEEDS } from './types.ts';

const t = frOrientation;

export function OrientationQuestions() {
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

  /** One question: its legend (focused when it comes), its answers, and the error under them unless `body` shows it. */
  const ask = (legend: ReactNode, body: ReactNode, errorInBody = false) => (
    <fieldset className="orientation-question" {...(errorInBody ? {} : errorProps)}>
      <legend>
        <h2 ref={questionRef} tabIndex={-1}>
          {legend}
        </h2>
      </legend>
      {body}
      {errorInBody ? null : errorText}
    </fieldset>
  );
  /** One choice among cards (who is asking, how urgent), each with its hint. */
  const cards = <C extends string>(
    name: string,
    codes: readonly C[],
    options: Record<C, { label: string; hint: string }>,
    chosen: C | null,
    pick: (code: C) => void,
  ) => (
    <div className="choice-list">
      {codes.map((c) => (
        <label key={c} className={`choice choice--card${c === 'danger-immediat' ? ' choice--danger' : ''}`}>
          <input type="radio" name={name} value={c} checked={chosen === c} onChange={() => pick(c)} />
          <span>
            <strong>{options[c].label}</strong>
            <span className="choice__hint">{options[c].hint}</span>
          </span>
        </label>
      ))}
    </div>
  );

  let question: ReactNode;
  switch (current) {
    case 'profile':
      question = ask(
        t.profile.legend,
        cards('profil', ORIENTATION_PROFILES, t.profile.options, answers.profile, (profile) => choose({ profile })),
      );
      break;
    case 'place':
      question = ask(
        answers.profile === 'professionnel' ? t.place.legendProfessional : t.place.legend,
        <HintedField id={ids.place} hintId={ids.placeHint} label={t.place.label} hint={t.place.hint}>
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
        </HintedField>,
        true,
      );
      break;
    case 'needs':
      question = ask(
        t.needs.legend,
        <>
          <p className="field__hint">{t.needs.hint}</p>
          <div className="choice-list">
            {([...NEEDS, UNKNOWN_NEED] as const).map((need) => (
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
        </>,
      );
      break;
    default:
      question = ask(
        t.urgency.legend,
        cards('urgence', URGENCIES, t.urgency.options, answers.urgency, (urgency) => choose({ urgency })),
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
