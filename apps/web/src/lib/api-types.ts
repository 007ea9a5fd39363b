/**
 * The API's wire types for the follow-up, campaign and inbox pages, from @pare/schema (types only,
 * erased at build, so no zod reaches the bundle): a changed response schema breaks the web's typecheck.
 */
import type { CampaignDetail } from '@pare/schema';

export type {
  AnswerAction,
  AnswerInput,
  AnswerView,
  CampaignDetail,
  CampaignEntryState,
  CampaignList,
  CampaignSummary,
  ContactRequestDetail,
  ContactRequestStatus,
  ContactRequestSummary,
  LaunchCampaignInput,
  UpdateLinkInput,
  UpdateLinkResult,
  UpdateLinkView,
} from '@pare/schema';

export type CampaignEntry = CampaignDetail['entries'][number];
