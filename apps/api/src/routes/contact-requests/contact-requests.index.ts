import { ContactRequestCreatedSchema } from '@pare/schema';
import { createRouter } from '../../lib/create-router.ts';
import { lookUpRequestStatus, submitContactRequest } from '../../services/contact-requests.ts';
import { createContactRequestRoute, requestStatusRoute } from './contact-requests.routes.ts';

export const contactRequestsRouter = createRouter()
  .openapi(createContactRequestRoute, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(ContactRequestCreatedSchema.parse(submitContactRequest(c.var, c.req.valid('json'))), 201);
  })
  .openapi(requestStatusRoute, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(lookUpRequestStatus(c.var, c.req.valid('json')), 200);
  });
