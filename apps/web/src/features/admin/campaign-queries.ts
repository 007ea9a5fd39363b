/** Freshness campaigns in the back office: list, detail, launch and the one reminder. */
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../lib/api.ts';
import type { CampaignDetail, CampaignList, LaunchCampaignInput } from '../../lib/api-types.ts';
import { apiSend } from './admin-api.ts';

export const campaignKeys = {
  all: ['admin', 'campaigns'] as const,
  list: ['admin', 'campaigns', 'list'] as const,
  detail: (id: number) => ['admin', 'campaigns', id] as const,
};

export function campaignsQuery() {
  return queryOptions({
    queryKey: campaignKeys.list,
    queryFn: ({ signal }) => apiGet<CampaignList>('/admin/campaigns', undefined, signal),
    staleTime: 0,
  });
}

export function campaignQuery(id: number) {
  return queryOptions({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => apiGet<CampaignDetail>(`/admin/campaigns/${id}`, undefined, signal),
    staleTime: 0,
    retry: false,
  });
}

export function launchCampaign(input: LaunchCampaignInput): Promise<CampaignDetail> {
  return apiSend<CampaignDetail>('POST', '/admin/campaigns', input);
}

export function remindCampaign(id: number): Promise<CampaignDetail> {
  return apiSend<CampaignDetail>('POST', `/admin/campaigns/${id}/remind`);
}
