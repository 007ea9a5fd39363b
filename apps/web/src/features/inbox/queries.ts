/** The team inbox's calls: the requests (list, counts, detail, status change, hand-over to a structure) and the outbox. */
import { queryOptions } from '@tanstack/react-query';
import { ApiRequestError, apiGet } from '../../lib/api.ts';
import type { ContactRequestDetail, ContactRequestStatus, ContactRequestSummary } from '../../lib/api-types.ts';
import { sendJson } from '../orientation/send-json.ts';

/** The API's own types (apps/api/src/routes/contact-requests/contact-requests.schemas.ts), not restated. */
export type RequestStatus = ContactRequestStatus;
/** In the order a request goes through them; the two last are the ones that came back to the team. */
export const STATUSES: readonly RequestStatus[] = ['nouvelle', 'transmise', 'en-cours', 'cloturee', 'a-reorienter', 'sans-reponse'];
/** What the team may set by hand (a request never goes back to `nouvelle`; the two others are set by the follow-up). */
export const NEXT_STATUSES: readonly RequestStatus[] = ['transmise', 'en-cours', 'cloturee'];

export type RequestSummary = ContactRequestSummary;
export type RequestDetail = ContactRequestDetail;
export type RequestList = { total: number; page: number; per_page: number; items: RequestSummary[] };
export type OutboxList = {
  smtp_configured: boolean | null;
  counts: { pending: number; sent: number; failed: number };
  items: {
    id: number;
    kind: string;
    recipient: string;
    subject: string;
    status: string;
    attempts: number;
    last_error: string | null;
    next_attempt_at: string;
  }[];
};

export type InboxFilters = {
  status: string;
  departement: string;
  actor: string;
  /** '' or 'true' */
  urgent: string;
  /** '' or a profile code */
  profile: string;
  /** '' or a number of hours (« de plus de 48 h ») */
  olderThanHours: string;
  page: number;
};
export const NO_FILTERS: InboxFilters = { status: '', departement: '', actor: '', urgent: '', profile: '', olderThanHours: '', page: 1 };

/** The filters in the page's URL, in French (`?statut=nouvelle&anciennete=48`): the dashboard links to them. */
export function filtersFromSearch(search: string): InboxFilters {
  const p = new URLSearchParams(search);
  const get = (k: string) => p.get(k) ?? '';
  return {
    status: (STATUSES as readonly string[]).includes(get('statut')) ? get('statut') : '',
    departement: get('departement').toUpperCase().slice(0, 3),
    actor: get('acteur').toLowerCase().slice(0, 120),
    urgent: get('urgent') === '1' ? 'true' : '',
    profile: ['jeune', 'famille', 'professionnel'].includes(get('profil')) ? get('profil') : '',
    olderThanHours: /^\d{1,4}$/.test(get('anciennete')) ? get('anciennete') : '',
    page: 1,
  };
}

export function searchOfFilters(f: InboxFilters): string {
  const p = new URLSearchParams();
  if (f.status) p.set('statut', f.status);
  if (f.urgent) p.set('urgent', '1');
  if (f.profile) p.set('profil', f.profile);
  if (f.olderThanHours) p.set('anciennete', f.olderThanHours);
  if (f.departement) p.set('departement', f.departement);
  if (f.actor) p.set('acteur', f.actor);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export type RequestCounts = {
  by_status: Record<RequestStatus, number>;
  older_than_48h: Record<RequestStatus, number>;
  urgent_open: number;
};
export type TransmitCandidate = {
  id: number;
  slug: string;
  name: string;
  type: string;
  scope: string;
  departements: string[];
  covers: boolean;
  confidential: boolean;
};
export const PER_PAGE = 25;

const noRetryOnClientError = (count: number, error: Error) => !(error instanceof ApiRequestError && error.isClientError) && count < 2;

export const inboxKeys = {
  all: ['inbox'] as const,
  list: (f: InboxFilters) => ['inbox', 'list', f] as const,
  detail: (reference: string) => ['inbox', 'detail', reference] as const,
  outbox: ['inbox', 'outbox'] as const,
  counts: ['inbox', 'counts'] as const,
  candidates: (reference: string, q: string) => ['inbox', 'candidates', reference, q] as const,
};

/** The dashboard's card: by status, older than 48 h, urgent and open. */
export function requestCountsQuery() {
  return queryOptions({
    queryKey: inboxKeys.counts,
    queryFn: ({ signal }) => apiGet<RequestCounts>('/admin/contact-requests/counts', undefined, signal),
    retry: noRetryOnClientError,
  });
}

/** The structures a request can be handed to (with a referent), those of its département first. */
export function transmitCandidatesQuery(reference: string, q: string) {
  return queryOptions({
    queryKey: inboxKeys.candidates(reference, q),
    queryFn: ({ signal }) =>
      apiGet<{ items: TransmitCandidate[] }>(
        `/admin/contact-requests/${encodeURIComponent(reference)}/structures`,
        { q: q.trim() || undefined },
        signal,
      ),
    retry: noRetryOnClientError,
    placeholderData: (previous) => previous,
  });
}

export function transmitRequest(reference: string, actorId: number, note: string, csrf: string): Promise<RequestDetail> {
  return sendJson<RequestDetail>(
    'POST',
    `/admin/contact-requests/${encodeURIComponent(reference)}/transmit`,
    { actor_id: actorId, ...(note.trim() ? { note: note.trim() } : {}) },
    csrf,
  );
}

export function requestListQuery(f: InboxFilters) {
  return queryOptions({
    queryKey: inboxKeys.list(f),
    queryFn: ({ signal }) =>
      apiGet<RequestList>(
        '/admin/contact-requests',
        {
          status: f.status || undefined,
          departement: f.departement || undefined,
          actor: f.actor || undefined,
          urgent: f.urgent || undefined,
          profile: f.profile || undefined,
          older_than_hours: f.olderThanHours || undefined,
          page: String(f.page),
          per_page: String(PER_PAGE),
        },
        signal,
      ),
    retry: noRetryOnClientError,
    placeholderData: (previous) => previous,
  });
}

export function requestDetailQuery(reference: string) {
  return queryOptions({
    queryKey: inboxKeys.detail(reference),
    queryFn: ({ signal }) => apiGet<RequestDetail>(`/admin/contact-requests/${encodeURIComponent(reference)}`, undefined, signal),
    retry: noRetryOnClientError,
  });
}

export function outboxQuery() {
  return queryOptions({
    queryKey: inboxKeys.outbox,
    queryFn: ({ signal }) => apiGet<OutboxList>('/admin/outbox', { limit: '50' }, signal),
    retry: noRetryOnClientError,
  });
}

/** `csrf`: the session's token (from the back office's session), required on every change by a signed-in user. */
export function changeStatus(reference: string, status: RequestStatus, note: string, csrf: string): Promise<RequestDetail> {
  return sendJson<RequestDetail>(
    'PATCH',
    `/admin/contact-requests/${encodeURIComponent(reference)}`,
    { status, ...(note.trim() ? { note: note.trim() } : {}) },
    csrf,
  );
}

export function retryMail(id: number, csrf: string): Promise<{ id: number; status: 'pending' }> {
  return sendJson('POST', `/admin/outbox/${id}/retry`, undefined, csrf);
}
