import {
  AccountRequestListSchema,
  AccountRequestSchema,
  AdminUserListSchema,
  AdminUserSchema,
  CreateUserInputSchema,
  EndedSessionsSchema,
  UpdateUserInputSchema,
} from '@pare/schema';
import { answers, errorResponse, guardErrors, idParams, jsonBody, jsonResponse, routeGroup } from '../../lib/openapi.ts';
import { guard } from '../../lib/policy.ts';

const tags = ['Back-office : comptes'];
const adminRoute = routeGroup({ tags, middleware: guard('admin'), errors: guardErrors });
const user = jsonResponse(AdminUserSchema, 'Le compte (jamais son mot de passe)');
const invalid = errorResponse('Champ invalide');

export const listUsersRoute = adminRoute('get', '/admin/users', 'Les comptes', {
  responses: answers(AdminUserListSchema, 'Tous les comptes'),
});

export const createUserRoute = adminRoute('post', '/admin/users', 'Créer un compte', {
  description:
    'Sans `password` (le back-office n’en envoie jamais), le compte reçoit par courriel un lien « choisir un mot de passe » valable 7 jours, à usage unique. ' +
    'Avec `account_request_id`, la demande de compte professionnel est close (« compte créé »).',
  request: jsonBody(CreateUserInputSchema),
  responses: { 201: user, 400: invalid, 409: errorResponse('Adresse déjà utilisée') },
});

export const updateUserRoute = adminRoute(
  'patch',
  '/admin/users/{id}',
  'Modifier un compte (rôle, départements, activité, nouveau mot de passe)',
  {
    description: 'Un changement de rôle, une désactivation ou un nouveau mot de passe ferme les sessions du compte.',
    request: { ...idParams, ...jsonBody(UpdateUserInputSchema) },
    responses: { 200: user, 400: invalid, 404: errorResponse('Compte inconnu') },
  },
);

export const resetUserRoute = adminRoute(
  'post',
  '/admin/users/{id}/reset',
  'Envoyer au compte un lien « choisir un nouveau mot de passe »',
  {
    description:
      'Un lien à usage unique, valable 24 heures, part par courriel (jamais un mot de passe). Les liens envoyés avant ne servent plus ; le mot de passe actuel reste valable jusqu’à l’usage du lien.',
    request: idParams,
    responses: { 200: user, 400: invalid, 404: errorResponse('Compte inconnu') },
  },
);

export const endUserSessionsRoute = adminRoute('delete', '/admin/users/{id}/sessions', 'Fermer toutes les sessions d’un compte', {
  request: idParams,
  responses: answers(EndedSessionsSchema, 'Nombre de sessions fermées', { 404: 'Compte inconnu' }),
});

export const listAccountRequestsRoute = adminRoute(
  'get',
  '/admin/account-requests',
  'Les demandes de compte professionnel (à traiter d’abord)',
  {
    responses: answers(AccountRequestListSchema, 'Les demandes'),
  },
);

export const refuseAccountRequestRoute = adminRoute(
  'post',
  '/admin/account-requests/{id}/refuse',
  'Refuser une demande de compte (la personne est prévenue)',
  {
    description: 'Pour l’accepter : créer le compte avec `account_request_id` (POST /admin/users).',
    request: idParams,
    responses: answers(AccountRequestSchema, 'La demande refusée', { 404: 'Demande inconnue', 409: 'Demande déjà traitée' }),
  },
);
