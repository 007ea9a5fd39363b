/** The inbox's words and small formats: its texts, a need's label, a date and time in Paris, which requests come first. */
import { ACTION_LABELS, type Action } from '@pare/schema';
import { frInbox } from '../../i18n/fr.inbox.ts';
import { frOrientation } from '../../i18n/fr.orientation.ts';
import type { RequestSummary } from './queries.ts';

export const t = frOrientation.inbox;
export const ti = frInbox;
export const needLabel = (n: string) => ACTION_LABELS[n as Action] ?? n;
/** First in the inbox: urgent and open, or back with the team (the API sorts them first on every page). */
export const isPriority = (r: RequestSummary) => (r.urgent && r.status !== 'cloturee') || r.needs_attention;
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
export const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
};
