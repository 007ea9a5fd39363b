import { createRouter } from '../../lib/create-router.ts';
import { deleteSubscriber } from '../../services/newsletter.ts';
import { previewIssue, sendIssue, sendTestIssue } from '../../services/newsletter-issues.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import {
  createIssueRoute,
  deleteIssueRoute,
  deleteSubscriberRoute,
  exportSubscribersRoute,
  getIssueRoute,
  listIssuesRoute,
  listSubscribersRoute,
  previewIssueRoute,
  sendIssueRoute,
  testIssueRoute,
  updateIssueRoute,
} from './admin-newsletter.routes.ts';

/** The back office of the letter (mounted under /api): compose, preview, test, send; subscribers. */
export const adminNewsletterRouter = createRouter()
  .openapi(listIssuesRoute, (c) => c.json(c.var.services.newsletterIssues.listIssues(), 200))
  .openapi(createIssueRoute, (c) => c.json(c.var.services.newsletterIssues.createIssue(currentEditor(c), c.req.valid('json')), 201))
  .openapi(getIssueRoute, (c) => c.json(c.var.services.newsletterIssues.getIssue(c.req.valid('param').id), 200))
  .openapi(updateIssueRoute, (c) => c.json(c.var.services.newsletterIssues.updateIssue(c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(deleteIssueRoute, (c) => {
    c.var.services.newsletterIssues.deleteDraftIssue(c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(previewIssueRoute, (c) => c.json(previewIssue(c.var, c.req.valid('param').id), 200))
  .openapi(testIssueRoute, (c) => c.json(sendTestIssue(c.var, currentEditor(c), c.req.valid('param').id), 202))
  .openapi(sendIssueRoute, async (c) => c.json(await sendIssue(c.var, c.req.valid('param').id), 200))
  .openapi(listSubscribersRoute, (c) => c.json(c.var.services.newsletterSubscribers.listSubscribers(), 200))
  .openapi(exportSubscribersRoute, (c) =>
    c.body(c.var.services.newsletterSubscribers.subscribersCsv(), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="pare-abonnes-lettre.csv"',
    }),
  )
  .openapi(deleteSubscriberRoute, (c) => {
    deleteSubscriber(c.var, c.req.valid('param').id);
    return c.body(null, 204);
  });
