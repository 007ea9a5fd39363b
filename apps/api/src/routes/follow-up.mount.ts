import { createRouter } from '../lib/create-router.ts';
import { answerRouter } from './answer/answer.index.ts';
import { campaignsRouter, updateLinkRouter } from './campaigns/campaigns.index.ts';

/**
 * Requests followed to the end and entries kept alive, mounted under /api by app.ts: the answer
 * links of routed requests (/answer/{token}), the update links of campaigns (/update/{token}) and
 * the campaigns of the back office (/admin/campaigns).
 */
export const followUpRoutes = createRouter().route('/', answerRouter).route('/', updateLinkRouter).route('/', campaignsRouter);
