import {
  CampaignDetailSchema,
  CampaignListSchema,
  LaunchCampaignInputSchema,
  TokenParamSchema,
  UpdateLinkInputSchema,
  UpdateLinkResultSchema,
  UpdateLinkViewSchema,
} from '@pare/schema';
import { answers, editorRoutes, errorResponse, guardErrors, idParams, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { secureLinkRoutes } from '../secure-link-routes.ts';

const campaignRoute = editorRoutes(['Back-office : campagnes de mise à jour'], guardErrors);

export const launchCampaignRoute = campaignRoute('post', '/admin/campaigns', 'Lancer une campagne de mise à jour', {
  description:
    'Chaque référent des fiches choisies reçoit un lien `/mise-a-jour/<jeton>` (« Rien n’a changé » ou « Proposer des corrections »). Un relais ne choisit que dans ses départements.',
  request: jsonBody(LaunchCampaignInputSchema),
  responses: {
    201: jsonResponse(CampaignDetailSchema, 'La campagne et ses fiches'),
    400: errorResponse('Sélection invalide ou vide'),
  },
});

export const listCampaignsRoute = campaignRoute(
  'get',
  '/admin/campaigns',
  'Les campagnes, avec envoyés / ouverts / confirmés / corrigés / sans réponse',
  {
    responses: answers(CampaignListSchema, 'Les campagnes'),
  },
);

export const getCampaignRoute = campaignRoute(
  'get',
  '/admin/campaigns/{id}',
  'Une campagne, fiche par fiche (et les fiches sans référent)',
  {
    request: idParams,
    responses: answers(CampaignDetailSchema, 'La campagne', { 404: 'Campagne inconnue' }),
  },
);

export const remindCampaignRoute = campaignRoute(
  'post',
  '/admin/campaigns/{id}/remind',
  'Envoyer l’unique rappel aux référents qui n’ont pas répondu',
  {
    request: idParams,
    responses: answers(CampaignDetailSchema, 'La campagne après le rappel', { 404: 'Campagne inconnue', 409: 'Rappel déjà envoyé' }),
  },
);

const linkRoute = secureLinkRoutes(['Campagnes de mise à jour'], {
  404: errorResponse('Lien inconnu ou expiré (même réponse dans les deux cas)'),
  410: errorResponse('Réponse déjà enregistrée, ou fiche retirée : le lien ne sert plus'),
});

export const getUpdateRoute = linkRoute('get', '/update/{token}', 'La fiche publique d’une structure, vue par son lien de mise à jour', {
  request: { params: TokenParamSchema },
  responses: { 200: jsonResponse(UpdateLinkViewSchema, 'La fiche et la campagne') },
});

export const postUpdateRoute = linkRoute('post', '/update/{token}', 'Confirmer la fiche ou proposer des corrections', {
  description:
    '« rien-na-change » : la fiche est vérifiée aujourd’hui (une révision le note, au nom de la structure) ; « corrections » : une proposition de type `correction` entre dans la file de relecture, avec son diff.',
  request: { params: TokenParamSchema, ...jsonBody(UpdateLinkInputSchema) },
  responses: {
    200: jsonResponse(UpdateLinkResultSchema, 'Réponse enregistrée'),
    400: errorResponse('Corrections invalides'),
  },
});
