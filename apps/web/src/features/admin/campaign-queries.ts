/** Freshness campaigns in the back office: list, detail, launch and the one reminder. */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { backOfficeQuery, client, read } from '../../lib/client.ts';

const campaigns = client.admin.campaigns;

export type CampaignDetail = InferResponseType<(typeof campaigns)[':id']['$get'], 200>;
export type CampaignEntry = CampaignDetail['entries'][number];
export type LaunchCampaignInput = InferRequestType<typeof campaigns.$post>['json'];

export const campaignKeys = {
  all: ['admin', 'campaigns'] as const,
  list: ['admin', 'campaigns', 'list'] as const,
  detail: (id: number) => ['admin', 'campaigns', id] as const,
};

export function campaignsQuery() {
  return backOfficeQuery(campaignKeys.list, (options) => read(campaigns.$get(undefined, options)));
}

export function campaignQuery(id: number) {
  return queryOptions({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => read(campaigns[':id'].$get({ param: { id: String(id) } }, { init: { signal } })),
    staleTime: 0,
    retry: false,
  });
}

export function launchCampaign(input: LaunchCampaignInput) {
  return read(campaigns.$post({ json: input }));
}

export function remindCampaign(id: number) {
  return read(campaigns[':id'].remind.$post({ param: { id: String(id) } }));
}
