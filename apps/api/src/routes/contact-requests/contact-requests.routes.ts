import { createRoute } from '@hono/zod-openapi';
import { ContactRequestCreatedSchema, ErrorBodySchema, RequestStatusLookupInputSchema, RequestStatusSchema } from '@pare/schema';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../../lib/errors.ts';
import { CreateContactRequestInputSchema } from '../../services/contact-requests.ts';
import { perClientRateLimit } from '../orientation/rate-limit.ts';

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

export const requestStatusRoute = createRoute({
  method: 'post',
  path: '/contact-requests/status',
  tags: ['Orientation'],
  summary: 'Où en est ma demande ?',
  description:
    'La référence reçue et l’e-mail ou le téléphone donnés avec la demande → son statut et sa date, rien d’autre (ni message, ni structure). ' +
    'Une référence inconnue et un contact qui ne correspond pas reçoivent la même réponse 404. POST pour que la référence reste hors des URL et des journaux ; 10 essais par 10 minutes et par client.',
  middleware: [perClientRateLimit('requestStatus')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: RequestStatusLookupInputSchema } } } },
  responses: {
    200: { description: 'Le statut', content: { 'application/json': { schema: RequestStatusSchema } } },
    400: error('Référence ou contact invalide'),
    404: error('Aucune demande ne correspond'),
    429: error('Trop d’essais depuis ce client'),
  },
});
