/** The team inbox's calls: the requests (list, counts, detail, status change, hand-over to a structure) and the outbox. */
import { CONTACT_REQUEST_PROFILES, CONTACT_REQUEST_STATUSES, type ContactRequestProfile } from '@pare/schema/codes';
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { ApiRequestError } from '../../lib/api.ts';
import { client, read } from '../../lib/client.ts';

const requests = client.admin['contact-requests'];
const request = requests[':reference'];

/** The API's own types, read from its routes. */
export type RequestDetail = InferResponseType<typeof request.$get, 200>;
export type RequestSummary = InferResponseType<typeof requests.$get, 200>['items'][number];
export type RequestStatus = RequestDetail['status'];
export type TransmitCandidate = InferResponseType<(typeof request)['structures']['$get'], 200>['items'][number];

/** What the team may set by hand (a request never goes back to `nouvelle`; the two others are set by the follow-up). */
export type NextStatus = InferRequestType<typeof request.$patch>['json']['status'];
export const NEXT_STATUSES: readonly NextStatus[] = ['transmise', 'en-cours', 'cloturee'];

export type InboxFilters = {
  status: RequestStatus | '';
  departement: string;
  actor: string;
  urgent: 'true' | '';
  profile: ContactRequestProfile | '';
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
    status: CONTACT_REQUEST_STATUSES.find((s) => s === get('statut')) ?? '',
    departement: get('departement').toUpperCase().slice(0, 3),
    actor: get('acteur').toLowerCase().slice(0, 120),
    urgent: get('urgent') === '1' ? 'true' : '',
    profile: CONTACT_REQUEST_PROFILES.find((s) => s === get('profil')) ?? '',
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
    queryFn: ({ signal }) => read(requests.counts.$get(undefined, { init: { signal } })),
    retry: noRetryOnClientError,
  });
}

const referenceParam = (reference: string) => ({ reference: encodeURIComponent(reference) });

/** The structures a request can be handed to (with a referent), those of its département first. */
export function transmitCandidatesQuery(reference: string, q: string) {
  return queryOptions({
    queryKey: inboxKeys.candidates(reference, q),
    queryFn: ({ signal }) =>
      read(request.structures.$get({ param: referenceParam(reference), query: q.trim() ? { q: q.trim() } : {} }, { init: { signal } })),
    retry: noRetryOnClientError,
    placeholderData: (previous) => previous,
  });
}

/** Writes carry the session's CSRF token (remembered by the session query, sent by the app's one fetch). */
export function transmitRequest(reference: string, actorId: number, note: string) {
  return read(
    request.transmit.$post({
      param: referenceParam(reference),
      json: { actor_id: actorId, ...(note.trim() ? { note: note.trim() } : {}) },
    }),
  );
}

export function requestListQuery(f: InboxFilters) {
  return queryOptions({
    queryKey: inboxKeys.list(f),
    queryFn: ({ signal }) =>
      read(
        requests.$get(
          {
            query: {
              status: f.status || undefined,
              departement: f.departement || undefined,
              actor: f.actor || undefined,
              urgent: f.urgent || undefined,
              profile: f.profile || undefined,
              older_than_hours: f.olderThanHours || undefined,
              page: String(f.page),
              per_page: String(PER_PAGE),
            },
          },
          { init: { signal } },
        ),
      ),
    retry: noRetryOnClientError,
    placeholderData: (previous) => previous,
  });
}

export function requestDetailQuery(reference: string) {
  return queryOptions({
    queryKey: inboxKeys.detail(reference),
    queryFn: ({ signal }) => read(request.$get({ param: referenceParam(reference) }, { init: { signal } })),
    retry: noRetryOnClientError,
  });
}

export function outboxQuery() {
  return queryOptions({
    queryKey: inboxKeys.outbox,
    queryFn: ({ signal }) => read(client.admin.outbox.$get({ query: { limit: '50' } }, { init: { signal } })),
    retry: noRetryOnClientError,
  });
}

export function changeStatus(reference: string, status: NextStatus, note: string) {
  return read(request.$patch({ param: referenceParam(reference), json: { status, ...(note.trim() ? { note: note.trim() } : {}) } }));
}

export function retryMail(id: number) {
  return read(client.admin.outbox[':id'].retry.$post({ param: { id: String(id) } }));
}
