/**
 * The orientation's calls, typed by the API's own routes: POST /api/orientation (as a query: the
 * same answers give the same result) and the contact request.
 */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { ApiRequestError } from '../../lib/api.ts';
import { client, read } from '../../lib/client.ts';
import type { ContactRequestInput } from './types.ts';

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;

/** The answers as the routing reads them. */
export type OrientationInput = Json<typeof client.orientation.$post>;
export type OrientationResult = Awaited<ReturnType<typeof postOrientation>>;
export type Recommendation = OrientationResult['recommendations'][number];
export type OrientationNotice = OrientationResult['notices'][number];
export type Group = Recommendation['group'];
export type Profile = OrientationInput['profile'];
export type Urgency = OrientationInput['urgency'];
export type Need = NonNullable<OrientationInput['needs']>[number];
type ContactRequestJson = Json<(typeof client)['contact-requests']['$post']>;
export type ContactRequestCreated = Awaited<ReturnType<typeof postContactRequest>>;

const postOrientation = (input: OrientationInput) => read(client.orientation.$post({ json: input }));

export const orientationKeys = {
  result: (input: OrientationInput) => ['orientation', input] as const,
};

export function orientationQuery(input: OrientationInput) {
  return queryOptions({
    queryKey: orientationKeys.result(input),
    queryFn: () => postOrientation(input),
    staleTime: 5 * 60_000,
    // A bad answer will not get better by asking again; a network hiccup may.
    retry: (count, error) => !(error instanceof ApiRequestError && error.isClientError) && count < 2,
  });
}

/** Empty optional fields are left out; the honeypot is sent as typed (a person leaves it empty). */
export function postContactRequest(input: ContactRequestInput) {
  const phone = input.phone.trim();
  const email = input.email.trim();
  return read(
    client['contact-requests'].$post({
      json: {
        name: input.name,
        ...(input.profile ? { profile: input.profile } : {}),
        ...(input.commune ? { commune: input.commune } : {}),
        consent: input.consent,
        ...(phone ? { phone } : {}),
        ...(email ? { email } : {}),
        ...(input.message.trim() ? { message: input.message } : {}),
        ...(input.actor ? { actor: input.actor } : {}),
        ...(input.website ? { website: input.website } : {}),
        ...(input.needs && input.needs.length > 0 ? { needs: input.needs as Need[] } : {}),
        ...(input.urgency ? { urgency: input.urgency } : {}),
      } as ContactRequestJson, // a draft: what is missing (profile, commune, consent) the API refuses with its messages beside the fields
    }),
  );
}
