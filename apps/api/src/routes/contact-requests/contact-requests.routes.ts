import { createRoute } from '@hono/zod-openapi';
import { ErrorBodySchema } from '@pare/schema';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../../lib/errors.ts';
import { perClientRateLimit } from '../orientation/rate-limit.ts';
import { ContactRequestCreatedSchema, CreateContactRequestInputSchema } from './contact-requests.schemas.ts';

/** A request is a few lines of text: far below the 64 KB every /api route accepts. */
export const CONTACT_REQUEST_MAX_BYTES = 8 * 1024;

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

export const createContactRequestRoute = createRoute({
  method: 'post',
  path: '/contact-requests',
  tags: ['Orientation'],
  summary: 'Demander à être recontacté',
  description:
    'Nom ou pseudonyme, téléphone ou e-mail (au moins l’un des deux), profil, commune (code INSEE), message (2 000 caractères au plus), accord (true), ' +
    'et l’acteur choisi s’il y en a un. La demande va au référent de l’acteur s’il accepte les demandes et n’a pas de lieu confidentiel, à l’équipe PARÉ sinon ; ' +
    'la personne ne reçoit jamais l’adresse du destinataire. Corps limité à 8 Ko (413), nombre de demandes limité par client (429). ' +
    'Le champ `website` est un piège à robots : rempli, la réponse est un 201 ordinaire mais rien n’est enregistré ni envoyé.',
  middleware: [
    perClientRateLimit('contactRequests'),
    bodyLimit({
      maxSize: CONTACT_REQUEST_MAX_BYTES,
      onError: () => {
        throw new ApiError('payload_too_large', 'Demande trop longue : raccourcissez votre message.');
      },
    }),
  ] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CreateContactRequestInputSchema } } } },
  responses: {
    201: {
      description: 'Demande enregistrée : sa référence et la suite',
      content: { 'application/json': { schema: ContactRequestCreatedSchema } },
    },
    400: error('Champ invalide'),
    413: error('Demande trop longue'),
    429: error('Trop de demandes depuis ce client'),
  },
});
