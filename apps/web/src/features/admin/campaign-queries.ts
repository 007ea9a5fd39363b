/** Freshness campaigns in the back office: list, detail, launch and the one reminder. */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, read } from '../../lib/client.ts';

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
  return queryOptions({
    queryKey: campaignKeys.list,
    queryFn: ({ signal }) => read(campaigns.$get(undefined, { init: { signal } })),
    staleTime: 0,
  });
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
