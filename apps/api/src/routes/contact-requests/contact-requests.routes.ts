import { ContactRequestCreatedSchema, RequestStatusLookupInputSchema, RequestStatusSchema } from '@pare/schema';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../../lib/errors.ts';
import { answers, errorResponse, jsonBody, routeGroup } from '../../lib/openapi.ts';
import { CreateContactRequestInputSchema } from '../../services/contact-requests.ts';
import { perClientRateLimit } from '../orientation/rate-limit.ts';

const orientationRoute = routeGroup({ tags: ['Orientation'], errors: {} });

/** A request is a few lines of text: far below the 64 KB every /api route accepts. */
export const CONTACT_REQUEST_MAX_BYTES = 8 * 1024;

export const createContactRequestRoute = orientationRoute('post', '/contact-requests', 'Demander à être recontacté', {
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
  request: jsonBody(CreateContactRequestInputSchema),
  responses: {
    201: {
      description: 'Demande enregistrée : sa référence et la suite',
      content: { 'application/json': { schema: ContactRequestCreatedSchema } },
    },
    400: errorResponse('Champ invalide'),
    413: errorResponse('Demande trop longue'),
    429: errorResponse('Trop de demandes depuis ce client'),
  },
});

export const requestStatusRoute = orientationRoute('post', '/contact-requests/status', 'Où en est ma demande ?', {
  middleware: [perClientRateLimit('requestStatus')] as const,
  description:
    'La référence reçue et l’e-mail ou le téléphone donnés avec la demande → son statut et sa date, rien d’autre (ni message, ni structure). ' +
    'Une référence inconnue et un contact qui ne correspond pas reçoivent la même réponse 404. POST pour que la référence reste hors des URL et des journaux ; 10 essais par 10 minutes et par client.',
  request: jsonBody(RequestStatusLookupInputSchema),
  responses: answers(RequestStatusSchema, 'Le statut', {
    400: 'Référence ou contact invalide',
    404: 'Aucune demande ne correspond',
    429: 'Trop d’essais depuis ce client',
  }),
});
