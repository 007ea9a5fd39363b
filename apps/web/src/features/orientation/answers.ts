/**
 * The orientation's answers: the four steps, the answers as the routing reads them, and their
 * place in the history entry's state.
 */
import { ORIENTATION_PROFILES, URGENCIES } from '@pare/schema/codes';
import type { Need, OrientationInput, Profile, Urgency } from './queries.ts';
import type { PickedPlace } from './types.ts';

export const STEPS = ['profile', 'place', 'needs', 'urgency'] as const;
export type Step = (typeof STEPS)[number];

export type Answers = { profile: Profile | null; place: PickedPlace | null; needs: string[]; urgency: Urgency | null };

export function toInput(a: Answers): OrientationInput | null {
  if (!a.profile || !a.place || a.needs.length === 0 || !a.urgency) return null;
  return {
    profile: a.profile,
    ...(a.place.kind === 'commune' ? { commune: a.place.code } : { departement: a.place.code }),
    needs: a.needs as Need[], // codes read back from the address are checked by the API
    urgency: a.urgency,
  };
}

export const EMPTY_ANSWERS: Answers = { profile: null, place: null, needs: [], urgency: null };

/**
 * The questionnaire's place lives in the URL (`?question=2`, `?question=contacts`) and its answers in
 * the history entry's state (never in storage): Back goes to the previous question with the answers
 * kept, a reload keeps them, and the quick exit (location.replace) still leaves no entry behind.
 */
export type Saved = { answers: Answers; placeText: string };
export type OrientationState = { orientation?: Saved; orientationPushed?: boolean };

export function savedState(): Saved | null {
  const s: unknown = window.history.state;
  if (typeof s !== 'object' || s === null || !('orientation' in s)) return null;
  const o = (s as OrientationState).orientation;
  if (!o || typeof o !== 'object' || !o.answers || typeof o.placeText !== 'string') return null;
  const a = o.answers;
  return {
    placeText: o.placeText,
    answers: {
      profile: (ORIENTATION_PROFILES as readonly string[]).includes(a.profile ?? '') ? a.profile : null,
      place: a.place && typeof a.place.code === 'string' ? a.place : null,
      needs: Array.isArray(a.needs) ? a.needs.filter((n) => typeof n === 'string') : [],
      urgency: (URGENCIES as readonly string[]).includes(a.urgency ?? '') ? a.urgency : null,
    },
  };
}

/** A new history entry for this page, with the answers in its state; the router hears it as a popstate. */
export function pushQuestion(param: string, saved: Saved): void {
  const state: OrientationState = { orientation: saved, orientationPushed: true };
  window.history.pushState(state, '', `/orientation?question=${param}`);
  window.dispatchEvent(new PopStateEvent('popstate', { state }));
  window.scrollTo(0, 0);
}

export function firstUnanswered(a: Answers): number {
  if (!a.profile) return 0;
  if (!a.place) return 1;
  if (a.needs.length === 0) return 2;
  if (!a.urgency) return 3;
  return 4;
}
