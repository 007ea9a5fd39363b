/** The orientation's calls: POST /api/orientation (as a query: same answers give the same result) and the contact request. */
import { queryOptions } from '@tanstack/react-query';
import { ApiRequestError } from '../../lib/api.ts';
import { sendJson } from './send-json.ts';
import type { ContactRequestCreated, ContactRequestInput, OrientationInput, OrientationResult } from './types.ts';

export const orientationKeys = {
  result: (input: OrientationInput) => ['orientation', input] as const,
};

export function orientationQuery(input: OrientationInput) {
  return queryOptions({
    queryKey: orientationKeys.result(input),
    queryFn: () => sendJson<OrientationResult>('POST', '/orientation', input),
    staleTime: 5 * 60_000,
    // A bad answer will not get better by asking again; a network hiccup may.
    retry: (count, error) => !(error instanceof ApiRequestError && error.isClientError) && count < 2,
  });
}

/** Empty optional fields are left out; the honeypot is sent as typed (a person leaves it empty). */
export function postContactRequest(input: ContactRequestInput): Promise<ContactRequestCreated> {
  const body: Record<string, unknown> = {
    name: input.name,
    profile: input.profile || undefined,
    commune: input.commune || undefined,
    consent: input.consent,
  };
  if (input.phone.trim()) body.phone = input.phone.trim();
  if (input.email.trim()) body.email = input.email.trim();
  if (input.message.trim()) body.message = input.message;
  if (input.actor) body.actor = input.actor;
  if (input.website) body.website = input.website;
  if (input.needs && input.needs.length > 0) body.needs = input.needs;
  if (input.urgency) body.urgency = input.urgency;
  return sendJson<ContactRequestCreated>('POST', '/contact-requests', body);
}
