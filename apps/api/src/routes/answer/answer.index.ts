import { createRouter } from '../../lib/create-router.ts';
import { answerRequest, getAnswerView } from '../../services/request-follow-up.ts';
import { getAnswerRoute, postAnswerRoute } from './answer.routes.ts';

export const answerRouter = createRouter()
  .openapi(getAnswerRoute, (c) => c.json(getAnswerView(c.var, c.req.valid('param').token), 200))
  .openapi(postAnswerRoute, (c) => c.json(answerRequest(c.var, c.req.valid('param').token, c.req.valid('json')), 200));
