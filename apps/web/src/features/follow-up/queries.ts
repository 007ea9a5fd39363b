/**
 * The two links a structure opens without an account: the answer link of a routed request and the
 * update link of a freshness campaign, through the typed client (writes carry the CSRF token).
 */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, type ReadOptions, read } from '../../lib/client.ts';

const answer = client.answer[':token'];
const update = client.update[':token'];

export type AnswerView = InferResponseType<typeof answer.$get, 200>;
export type AnswerAction = AnswerView['actions'][number];
export type AnswerInput = InferRequestType<typeof answer.$post>['json'];
export type UpdateLinkView = InferResponseType<typeof update.$get, 200>;
export type UpdateLinkInput = InferRequestType<typeof update.$post>['json'];

/** The token goes in the path only, encoded; it never goes into a query key shared with anything else. */
const tokenParam = (token: string) => ({ token: encodeURIComponent(token) });

export const followUpKeys = {
  answer: (token: string) => ['follow-up', 'answer', token] as const,
  update: (token: string) => ['follow-up', 'update', token] as const,
};

/**
 * Each open counts against a small per-client limit (a guesser tries thousands): read once, no
 * retry (404/410 do not get better), no refetch behind the person's back.
 */
const once = { retry: false, staleTime: Number.POSITIVE_INFINITY, gcTime: 0, refetchOnReconnect: false } as const;

/** A link's page, read once (`once`): `fetch` given the query's abort signal. */
function readOnce<T, K extends readonly unknown[]>(queryKey: K, fetch: (options: ReadOptions) => Promise<T>) {
  return queryOptions({ queryKey, queryFn: ({ signal }) => fetch({ init: { signal } }), ...once });
}

export function answerQuery(token: string) {
  return readOnce(followUpKeys.answer(token), (options) => read(answer.$get({ param: tokenParam(token) }, options)));
}

export function sendAnswer(token: string, input: AnswerInput) {
  return read(answer.$post({ param: tokenParam(token), json: input }));
}

export function updateQuery(token: string) {
  return readOnce(followUpKeys.update(token), (options) => read(update.$get({ param: tokenParam(token) }, options)));
}

export function sendUpdate(token: string, input: UpdateLinkInput) {
  return read(update.$post({ param: tokenParam(token), json: input }));
}
