/** The letter's back office: issues, preview, subscribers (TanStack Query options and mutations, typed client). */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { backOfficeQuery, client, read } from '../../lib/client.ts';

export const newsletterKeys = {
  all: ['admin', 'newsletter'] as const,
  issues: ['admin', 'newsletter', 'issues'] as const,
  issue: (id: number) => ['admin', 'newsletter', 'issues', id] as const,
  preview: (id: number) => ['admin', 'newsletter', 'issues', id, 'preview'] as const,
  subscribers: ['admin', 'newsletter', 'subscribers'] as const,
};

const issue = client.admin.newsletter.issues;
const at = (id: number) => ({ param: { id: String(id) } });
type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;

export const issuesQuery = () =>
  backOfficeQuery(newsletterKeys.issues, (options) => read(client.admin.newsletter.issues.$get({}, options)));

export const issueQuery = (id: number) =>
  queryOptions({
    queryKey: newsletterKeys.issue(id),
    queryFn: ({ signal }) => read(issue[':id'].$get(at(id), { init: { signal } })),
    staleTime: 0,
    retry: false,
  });

export const previewQuery = (id: number) =>
  backOfficeQuery(newsletterKeys.preview(id), (options) => read(issue[':id'].preview.$get(at(id), options)));

export const subscribersQuery = () =>
  backOfficeQuery(newsletterKeys.subscribers, (options) => read(client.admin.newsletter.subscribers.$get({}, options)));

export const createIssue = (json: Json<typeof issue.$post>) => read(issue.$post({ json }));
export const updateIssue = (id: number, json: Json<(typeof issue)[':id']['$patch']>) => read(issue[':id'].$patch({ ...at(id), json }));
export const deleteIssue = (id: number) => read(issue[':id'].$delete(at(id)));
export const testIssue = (id: number) => read(issue[':id'].test.$post(at(id)));
export const sendIssue = (id: number) => read(issue[':id'].send.$post(at(id)));
export const deleteSubscriber = (id: number) => read(client.admin.newsletter.subscribers[':id'].$delete(at(id)));
