import { createRouter } from '../../lib/create-router.ts';
import { acceptSubmission, createSubmission, getSubmissionDetail, listSubmissions, rejectSubmission } from '../../services/submissions.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import {
  acceptSubmissionRoute,
  createSubmissionRoute,
  getSubmissionRoute,
  listSubmissionsRoute,
  rejectSubmissionRoute,
} from './submissions.routes.ts';

export const submissionsRouter = createRouter()
  .openapi(createSubmissionRoute, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(createSubmission(c.var, c.req.valid('json')), 201);
  })
  .openapi(listSubmissionsRoute, (c) => c.json(listSubmissions(c.var, currentEditor(c), c.req.valid('query')), 200))
  .openapi(getSubmissionRoute, (c) => c.json(getSubmissionDetail(c.var, currentEditor(c), c.req.valid('param').id), 200))
  .openapi(acceptSubmissionRoute, (c) =>
    c.json(acceptSubmission(c.var, currentEditor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(rejectSubmissionRoute, (c) =>
    c.json(rejectSubmission(c.var, currentEditor(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );
