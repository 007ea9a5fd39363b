import { createRoute } from '@hono/zod-openapi';
import {
  CampaignDetailSchema,
  CampaignListSchema,
  IdParamSchema,
  LaunchCampaignInputSchema,
  TokenParamSchema,
  UpdateLinkInputSchema,
  UpdateLinkResultSchema,
  UpdateLinkViewSchema,
} from '@pare/schema';
import { EDITORS, guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from '../admin-actors/admin-guard.ts';
import { perClientRateLimit } from '../orientation/rate-limit.ts';

const tags = ['Back-office : campagnes de mise à jour'];

export const launchCampaignRoute = createRoute({
  method: 'post',
  path: '/admin/campaigns',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Lancer une campagne de mise à jour',
  description:
    'Chaque référent des fiches choisies reçoit un lien `/mise-a-jour/<jeton>` (« Rien n’a changé » ou « Proposer des corrections »). Un relais ne choisit que dans ses départements.',
  request: { body: { required: true, content: { 'application/json': { schema: LaunchCampaignInputSchema } } } },
  responses: {
    201: { description: 'La campagne et ses fiches', content: { 'application/json': { schema: CampaignDetailSchema } } },
    400: errorResponse('Sélection invalide ou vide'),
    ...guardErrors,
  },
});

export const listCampaignsRoute = createRoute({
  method: 'get',
  path: '/admin/campaigns',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Les campagnes, avec envoyés / ouverts / confirmés / corrigés / sans réponse',
  responses: { 200: { description: 'Les campagnes', content: { 'application/json': { schema: CampaignListSchema } } }, ...guardErrors },
});

export const getCampaignRoute = createRoute({
  method: 'get',
  path: '/admin/campaigns/{id}',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Une campagne, fiche par fiche (et les fiches sans référent)',
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'La campagne', content: { 'application/json': { schema: CampaignDetailSchema } } },
    404: errorResponse('Campagne inconnue'),
    ...guardErrors,
  },
});

export const remindCampaignRoute = createRoute({
  method: 'post',
  path: '/admin/campaigns/{id}/remind',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Envoyer l’unique rappel aux référents qui n’ont pas répondu',
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'La campagne après le rappel', content: { 'application/json': { schema: CampaignDetailSchema } } },
    404: errorResponse('Campagne inconnue'),
    409: errorResponse('Rappel déjà envoyé'),
    ...guardErrors,
  },
});

const linkRefusals = {
  404: errorResponse('Lien inconnu ou expiré (même réponse dans les deux cas)'),
  410: errorResponse('Réponse déjà enregistrée, ou fiche retirée : le lien ne sert plus'),
  429: errorResponse('Trop de tentatives depuis ce client'),
};

export const getUpdateRoute = createRoute({
  method: 'get',
  path: '/update/{token}',
  tags: ['Campagnes de mise à jour'],
  summary: 'La fiche publique d’une structure, vue par son lien de mise à jour',
  middleware: [perClientRateLimit('secureLinks')] as const,
  request: { params: TokenParamSchema },
  responses: {
    200: { description: 'La fiche et la campagne', content: { 'application/json': { schema: UpdateLinkViewSchema } } },
    ...linkRefusals,
  },
});

export const postUpdateRoute = createRoute({
  method: 'post',
  path: '/update/{token}',
  tags: ['Campagnes de mise à jour'],
  summary: 'Confirmer la fiche ou proposer des corrections',
  description:
    '« rien-na-change » : la fiche est vérifiée aujourd’hui (une révision le note, au nom de la structure) ; « corrections » : une proposition de type `correction` entre dans la file de relecture, avec son diff.',
  middleware: [perClientRateLimit('secureLinks')] as const,
  request: { params: TokenParamSchema, body: { required: true, content: { 'application/json': { schema: UpdateLinkInputSchema } } } },
  responses: {
    200: { description: 'Réponse enregistrée', content: { 'application/json': { schema: UpdateLinkResultSchema } } },
    400: errorResponse('Corrections invalides'),
    ...linkRefusals,
  },
});
