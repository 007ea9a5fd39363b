import {
  EventsQuerySchema,
  FeedQuerySchema,
  NewsQuerySchema,
  PublicEventListSchema,
  PublicEventSchema,
  PublicNewsListSchema,
  PublicNewsSchema,
  SlugParamSchema,
} from '@pare/schema';
import { answers, binaryResponse, errorResponse, jsonResponse, publicErrors, routeGroup, textResponse } from '../../lib/openapi.ts';

const newsRoute = routeGroup({ tags: ['Actualités'], errors: publicErrors });
const eventRoute = routeGroup({ tags: ['Agenda'], errors: publicErrors });
const cacheNote = 'Réponse avec `ETag` : un client qui renvoie `If-None-Match` reçoit 304 tant que rien n’a changé.';
const unknownNews = errorResponse('Actualité inconnue ou retirée');
const unknownEvent = errorResponse('Événement inconnu ou retiré');

export const listNewsRoute = newsRoute('get', '/news', 'Actualités publiées', {
  description: `Les plus récentes d’abord. \`departement\` : celles de ce département et les nationales. ${cacheNote}`,
  request: { query: NewsQuerySchema },
  responses: answers(PublicNewsListSchema, 'Une page d’actualités'),
});

export const getNewsRoute = newsRoute('get', '/news/{slug}', 'Une actualité', {
  description: 'Le texte (`body_html`) est le Markdown de l’auteur rendu et nettoyé sur le serveur.',
  request: { params: SlugParamSchema },
  responses: { 200: jsonResponse(PublicNewsSchema, 'L’actualité'), 404: unknownNews },
});

export const listEventsRoute = eventRoute('get', '/events', 'Événements publiés (webinaires, formations, rencontres)', {
  description: `Par défaut ceux qui ne sont pas terminés, le plus proche d’abord ; \`passes=1\` : les passés, le plus récent d’abord. \`departement\` : ceux de ce département et les nationaux. Heures en UTC (ISO 8601), à afficher en heure de Paris. ${cacheNote}`,
  request: { query: EventsQuerySchema },
  responses: answers(PublicEventListSchema, 'Une page d’événements'),
});

export const getEventRoute = eventRoute('get', '/events/{slug}', 'Un événement', {
  request: { params: SlugParamSchema },
  responses: { 200: jsonResponse(PublicEventSchema, 'L’événement'), 404: unknownEvent },
});

/** Documentation of the feed routes (served by plain handlers: their paths end with an extension). */
export const feedDocs = [
  newsRoute('get', '/news.rss', 'Flux RSS 2.0 des actualités', {
    description: 'Les 50 dernières actualités publiées ; `departement` : ce département et le national.',
    request: { query: FeedQuerySchema },
    responses: { 200: textResponse('application/rss+xml', 'Le flux RSS') },
  }),
  newsRoute('get', '/news.atom', 'Flux Atom des actualités', {
    description: 'Le même contenu que le flux RSS, au format Atom 1.0.',
    request: { query: FeedQuerySchema },
    responses: { 200: textResponse('application/atom+xml', 'Le flux Atom') },
  }),
  eventRoute('get', '/events.ics', 'L’agenda au format iCalendar (abonnement)', {
    description:
      'Les événements publiés des douze derniers mois et à venir, heures en Europe/Paris (TZID). `departement` : ce département et le national.',
    request: { query: FeedQuerySchema },
    responses: { 200: textResponse('text/calendar', 'Le calendrier') },
  }),
  eventRoute('get', '/events/{slug}.ics', 'Un événement au format iCalendar (« Ajouter à mon agenda »)', {
    request: { params: SlugParamSchema },
    responses: { 200: textResponse('text/calendar', 'L’événement'), 404: unknownEvent },
  }),
  newsRoute('get', '/news/{slug}/image', 'L’image d’une actualité publiée', {
    request: { params: SlugParamSchema },
    responses: {
      200: binaryResponse('image/*', 'L’image (PNG, JPEG ou WebP)'),
      404: errorResponse('Actualité inconnue, retirée ou sans image'),
    },
  }),
];
