import { createRouter } from '../../lib/create-router.ts';
import { answerUpdate, getCampaign, getUpdateView, launchCampaign, listCampaigns, remindCampaign } from '../../services/campaigns.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import {
  getCampaignRoute,
  getUpdateRoute,
  launchCampaignRoute,
  listCampaignsRoute,
  postUpdateRoute,
  remindCampaignRoute,
} from './campaigns.routes.ts';

export const campaignsRouter = createRouter()
  .openapi(launchCampaignRoute, (c) => c.json(launchCampaign(c.var, currentEditor(c), c.req.valid('json')), 201))
  .openapi(listCampaignsRoute, (c) => c.json(listCampaigns(c.var, currentEditor(c)), 200))
  .openapi(getCampaignRoute, (c) => c.json(getCampaign(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(remindCampaignRoute, (c) => c.json(remindCampaign(c.var, currentEditor(c), c.req.valid('param').id), 200));

/** The structure's side, without an account: the token is the only key. */
export const updateLinkRouter = createRouter()
  .openapi(getUpdateRoute, (c) => c.json(getUpdateView(c.var, c.req.valid('param').token), 200))
  .openapi(postUpdateRoute, (c) => c.json(answerUpdate(c.var, c.req.valid('param').token, c.req.valid('json')), 200));
