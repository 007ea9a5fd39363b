/**
 * The API's own wire types for the routes whose schemas live in apps/api (not yet in @pare/schema):
 * types only, erased at build, so no zod reaches the bundle. apps/web's tsconfig references apps/api
 * for them: a changed response schema breaks the web's typecheck instead of a page.
 */
import type { AnswerView } from '../../../api/src/routes/answer/answer.schemas.ts';
import type { CampaignDetail, CampaignSummary } from '../../../api/src/routes/campaigns/campaigns.schemas.ts';

export type { AnswerInput, AnswerView } from '../../../api/src/routes/answer/answer.schemas.ts';
export type {
  CampaignDetail,
  CampaignSummary,
  LaunchCampaignInput,
  UpdateLinkInput,
  UpdateLinkView,
} from '../../../api/src/routes/campaigns/campaigns.schemas.ts';
export type {
  ContactRequestDetail,
  ContactRequestSummary,
} from '../../../api/src/routes/contact-requests/contact-requests.schemas.ts';

export type ContactRequestStatus = AnswerView['status'];
export type AnswerAction = AnswerView['actions'][number];
export type CampaignEntry = CampaignDetail['entries'][number];
export type CampaignEntryState = CampaignEntry['state'];
/** `CampaignListSchema` and `UpdateLinkResultSchema` have no exported type in the API: read from their shape. */
export type CampaignList = { items: CampaignSummary[] };
export type UpdateLinkResult = { result: 'confirmee' | 'corrigee'; message: string };
