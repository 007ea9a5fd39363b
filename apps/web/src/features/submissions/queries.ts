import type { InferRequestType } from 'hono/client';
import { backOfficeQuery, client, read } from '../../lib/client.ts';
import { withoutEmpty } from '../../lib/url-query.ts';

const submissions = client.admin.submissions;

export const submissionKeys = {
  list: (status: string) => ['admin', 'submissions', status] as const,
  detail: (id: number) => ['admin', 'submission', id] as const,
};

type ListStatus = InferRequestType<typeof submissions.$get>['query']['status'];

/** `status`: the page's `?statut=`, as it is (the API validates it and says so when it is unknown). */
export function submissionsQuery(status: string) {
  return backOfficeQuery(submissionKeys.list(status), (options) =>
    read(submissions.$get({ query: withoutEmpty({ status: status as ListStatus, per_page: '200' }) }, options)),
  );
}

export function submissionQuery(id: number) {
  return backOfficeQuery(submissionKeys.detail(id), (options) => read(submissions[':id'].$get({ param: { id: String(id) } }, options)));
}

export type SubmissionInput = InferRequestType<typeof client.submissions.$post>['json'];

/** A proposal from the public forms (a new entry, or an error reported on one). */
export function sendSubmission(body: SubmissionInput) {
  return read(client.submissions.$post({ json: body }));
}

export type AcceptInput = InferRequestType<(typeof submissions)[':id']['accept']['$post']>['json'];

export function acceptSubmission(id: number, body: AcceptInput) {
  return read(submissions[':id'].accept.$post({ param: { id: String(id) }, json: body }));
}

export function rejectSubmission(id: number, reason: string) {
  return read(submissions[':id'].reject.$post({ param: { id: String(id) }, json: { reason } }));
}
