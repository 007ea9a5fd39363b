/** Submissions, curator side (`/api/admin/submissions`). */
import type { SubmissionDetail, SubmissionList } from '@pare/schema';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';

export const submissionKeys = {
  list: (status: string) => ['admin', 'submissions', status] as const,
  detail: (id: number) => ['admin', 'submission', id] as const,
};

export function submissionsQuery(status: string) {
  return queryOptions({
    queryKey: submissionKeys.list(status),
    queryFn: ({ signal }) => apiGet<SubmissionList>('/admin/submissions', { status, per_page: '200' }, signal),
    staleTime: 0,
  });
}

export function submissionQuery(id: number) {
  return queryOptions({
    queryKey: submissionKeys.detail(id),
    queryFn: ({ signal }) => apiGet<SubmissionDetail>(`/admin/submissions/${id}`, undefined, signal),
    staleTime: 0,
  });
}
