/** The letter's back office: issues, preview, subscribers (TanStack Query options and mutations). */
import type {
  CreateNewsletterIssueInput,
  NewsletterIssueDetail,
  NewsletterIssueList,
  NewsletterPreview,
  NewsletterSubscriberList,
  UpdateNewsletterIssueInput,
} from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../lib/api.ts';

export const newsletterKeys = {
  all: ['admin', 'newsletter'] as const,
  issues: ['admin', 'newsletter', 'issues'] as const,
  issue: (id: number) => ['admin', 'newsletter', 'issues', id] as const,
  preview: (id: number) => ['admin', 'newsletter', 'issues', id, 'preview'] as const,
  subscribers: ['admin', 'newsletter', 'subscribers'] as const,
};

export const issuesQuery = () =>
  queryOptions({
    queryKey: newsletterKeys.issues,
    queryFn: ({ signal }) => apiGet<NewsletterIssueList>('/admin/newsletter/issues', undefined, signal),
    staleTime: 0,
  });

export const issueQuery = (id: number) =>
  queryOptions({
    queryKey: newsletterKeys.issue(id),
    queryFn: ({ signal }) => apiGet<NewsletterIssueDetail>(`/admin/newsletter/issues/${id}`, undefined, signal),
    staleTime: 0,
    retry: false,
  });

export const previewQuery = (id: number) =>
  queryOptions({
    queryKey: newsletterKeys.preview(id),
    queryFn: ({ signal }) => apiGet<NewsletterPreview>(`/admin/newsletter/issues/${id}/preview`, undefined, signal),
    staleTime: 0,
  });

export const subscribersQuery = () =>
  queryOptions({
    queryKey: newsletterKeys.subscribers,
    queryFn: ({ signal }) => apiGet<NewsletterSubscriberList>('/admin/newsletter/subscribers', undefined, signal),
    staleTime: 0,
  });

export const createIssue = (input: CreateNewsletterIssueInput) => apiSend<NewsletterIssueDetail>('POST', '/admin/newsletter/issues', input);
export const updateIssue = (id: number, input: UpdateNewsletterIssueInput) =>
  apiSend<NewsletterIssueDetail>('PATCH', `/admin/newsletter/issues/${id}`, input);
export const deleteIssue = (id: number) => apiSend<null>('DELETE', `/admin/newsletter/issues/${id}`);
export const testIssue = (id: number) => apiSend<{ recipient: string }>('POST', `/admin/newsletter/issues/${id}/test`);
export const sendIssue = (id: number) => apiSend<NewsletterIssueDetail>('POST', `/admin/newsletter/issues/${id}/send`);
export const deleteSubscriber = (id: number) => apiSend<null>('DELETE', `/admin/newsletter/subscribers/${id}`);
