import { createRouter } from '../../lib/create-router.ts';
import { submitContactRequest } from '../../services/contact-requests.ts';
import { createContactRequestRoute } from './contact-requests.routes.ts';
import { ContactRequestCreatedSchema } from './contact-requests.schemas.ts';

export const contactRequestsRouter = createRouter().openapi(createContactRequestRoute, (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json(ContactRequestCreatedSchema.parse(submitContactRequest(c.var, c.req.valid('json'))), 201);
});
