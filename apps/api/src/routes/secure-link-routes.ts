/**
 * The routes a secret link opens without an account (a referent's answer link, a campaign's update
 * link, a « choisir un mot de passe » link, a newsletter confirmation): rate-limited per client, so
 * that a token cannot be found by trying, which each says with the same 429 beside its own refusals.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import { errorResponse, routeGroup } from '../lib/openapi.ts';
import { perClientRateLimit } from './orientation/rate-limit.ts';

/** A group of secret-link routes: the `secureLinks` limit, its 429, and the links' own refusals. */
export function secureLinkRoutes<const E extends RouteConfig['responses']>(
  tags: string[],
  refusals: E,
): ReturnType<typeof routeGroup<E & { 429: ReturnType<typeof errorResponse> }>> {
  const errors = { ...refusals, 429: errorResponse('Trop de tentatives depuis ce client') };
  return routeGroup({ tags, middleware: [perClientRateLimit('secureLinks')] as const, errors });
}
