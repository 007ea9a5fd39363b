/**
 * The two links a structure opens without an account: the answer link of a routed request and the
 * update link of a freshness campaign. Reads through `apiGet`, writes through the app's one
 * `apiSend` (re-exported for the public forms by resources/api-send.ts).
 */
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';
import type { AnswerInput, AnswerView, UpdateLinkInput, UpdateLinkResult, UpdateLinkView } from '../../lib/api-types.ts';
import { apiSend } from '../resources/api-send.ts';

/** The token goes in the path only, encoded; it never goes into a query key shared with anything else. */
const tokenPath = (token: string) => encodeURIComponent(token);

export const followUpKeys = {
  answer: (token: string) => ['follow-up', 'answer', token] as const,
  update: (token: string) => ['follow-up', 'update', token] as const,
};

/**
 * Each open counts against a small per-client limit (a guesser tries thousands): read once, no
 * retry (404/410 do not get better), no refetch behind the person's back.
 */
const once = { retry: false, staleTime: Number.POSITIVE_INFINITY, gcTime: 0, refetchOnReconnect: false } as const;

export function answerQuery(token: string) {
  return queryOptions({
    queryKey: followUpKeys.answer(token),
    queryFn: ({ signal }) => apiGet<AnswerView>(`/answer/${tokenPath(token)}`, undefined, signal),
    ...once,
  });
}

export function sendAnswer(token: string, input: AnswerInput): Promise<AnswerView> {
  return apiSend<AnswerView>('POST', `/answer/${tokenPath(token)}`, input);
}

export function updateQuery(token: string) {
  return queryOptions({
    queryKey: followUpKeys.update(token),
    queryFn: ({ signal }) => apiGet<UpdateLinkView>(`/update/${tokenPath(token)}`, undefined, signal),
    ...once,
  });
}

export function sendUpdate(token: string, input: UpdateLinkInput): Promise<UpdateLinkResult> {
  return apiSend<UpdateLinkResult>('POST', `/update/${tokenPath(token)}`, input);
}
