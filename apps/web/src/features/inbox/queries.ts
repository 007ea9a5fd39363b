/** The team inbox's calls: the session, the requests (list, detail, status change) and the outbox. */
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
export type Session = { user: { id: number; email: string; role: string; departements: string[] }; csrf_token: string };

export type InboxFilters = { status: string; departement: string; actor: string; page: number };
export const PER_PAGE = 25;

const noRetryOnClientError = (count: number, error: Error) => !(error instanceof ApiRequestError && error.isClientError) && count < 2;

export const inboxKeys = {
  all: ['inbox'] as const,
  session: ['inbox', 'session'] as const,
  list: (f: InboxFilters) => ['inbox', 'list', f] as const,
  detail: (reference: string) => ['inbox', 'detail', reference] as const,
  outbox: ['inbox', 'outbox'] as const,
};

export function sessionQuery() {
  return queryOptions({
    queryKey: inboxKeys.session,
    queryFn: ({ signal }) => apiGet<Session>('/auth/me', undefined, signal),
    retry: false,
    staleTime: 60_000,
  });
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

/** `csrf`: the session's token (from sessionQuery), required on every change by a signed-in user. */
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
