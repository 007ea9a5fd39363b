import { createRoute, z } from '@hono/zod-openapi';
import {
  ErrorBodySchema,
  EventsQuerySchema,
  FeedQuerySchema,
  NewsQuerySchema,
  PublicEventListSchema,
  PublicEventSchema,
  PublicNewsListSchema,
  PublicNewsSchema,
  SlugSchema,
} from '@pare/schema';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });
const errors = { 400: error('Paramètre invalide'), 500: error('Erreur interne') };
const newsTags = ['Actualités'];
const eventTags = ['Agenda'];
const cacheNote = 'Réponse avec `ETag` : un client qui renvoie `If-None-Match` reçoit 304 tant que rien n’a changé.';

export const listNewsRoute = createRoute({
  method: 'get',
  path: '/news',
  tags: newsTags,
  summary: 'Actualités publiées',
  description: `Les plus récentes d’abord. \`departement\` : celles de ce département et les nationales. ${cacheNote}`,
  request: { query: NewsQuerySchema },
  responses: {
    200: { description: 'Une page d’actualités', content: { 'application/json': { schema: PublicNewsListSchema } } },
    ...errors,
  },
});

export const getNewsRoute = createRoute({
  method: 'get',
  path: '/news/{slug}',
  tags: newsTags,
  summary: 'Une actualité',
  description: 'Le texte (`body_html`) est le Markdown de l’auteur rendu et nettoyé sur le serveur.',
  request: { params: z.object({ slug: SlugSchema }) },
  responses: {
    200: { description: 'L’actualité', content: { 'application/json': { schema: PublicNewsSchema } } },
    404: error('Actualité inconnue ou retirée'),
    ...errors,
  },
});

export const listEventsRoute = createRoute({
  method: 'get',
  path: '/events',
  tags: eventTags,
  summary: 'Événements publiés (webinaires, formations, rencontres)',
  description: `Par défaut ceux qui ne sont pas terminés, le plus proche d’abord ; \`passes=1\` : les passés, le plus récent d’abord. \`departement\` : ceux de ce département et les nationaux. Heures en UTC (ISO 8601), à afficher en heure de Paris. ${cacheNote}`,
  request: { query: EventsQuerySchema },
  responses: {
    200: { description: 'Une page d’événements', content: { 'application/json': { schema: PublicEventListSchema } } },
    ...errors,
  },
});

export const getEventRoute = createRoute({
  method: 'get',
  path: '/events/{slug}',
  tags: eventTags,
  summary: 'Un événement',
  request: { params: z.object({ slug: SlugSchema }) },
  responses: {
    200: { description: 'L’événement', content: { 'application/json': { schema: PublicEventSchema } } },
    404: error('Événement inconnu ou retiré'),
    ...errors,
  },
});

const text = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });

/** Documentation of the feed routes (served by plain handlers: their paths end with an extension). */
export const feedDocs = [
  {
    method: 'get' as const,
    path: '/news.rss',
    tags: newsTags,
    summary: 'Flux RSS 2.0 des actualités',
    description: 'Les 50 dernières actualités publiées ; `departement` : ce département et le national.',
    request: { query: FeedQuerySchema },
    responses: { 200: text('application/rss+xml', 'Le flux RSS'), ...errors },
  },
  {
    method: 'get' as const,
    path: '/news.atom',
    tags: newsTags,
    summary: 'Flux Atom des actualités',
    description: 'Le même contenu que le flux RSS, au format Atom 1.0.',
    request: { query: FeedQuerySchema },
    responses: { 200: text('application/atom+xml', 'Le flux Atom'), ...errors },
  },
  {
    method: 'get' as const,
    path: '/events.ics',
    tags: eventTags,
    summary: 'L’agenda au format iCalendar (abonnement)',
    description:
      'Les événements publiés des douze derniers mois et à venir, heures en Europe/Paris (TZID). `departement` : ce département et le national.',
    request: { query: FeedQuerySchema },
    responses: { 200: text('text/calendar', 'Le calendrier'), ...errors },
  },
  {
    method: 'get' as const,
    path: '/events/{slug}.ics',
    tags: eventTags,
    summary: 'Un événement au format iCalendar (« Ajouter à mon agenda »)',
    request: { params: z.object({ slug: SlugSchema }) },
    responses: { 200: text('text/calendar', 'L’événement'), 404: error('Événement inconnu ou retiré'), ...errors },
  },
  {
    method: 'get' as const,
    path: '/news/{slug}/image',
    tags: newsTags,
    summary: 'L’image d’une actualité publiée',
    request: { params: z.object({ slug: SlugSchema }) },
    responses: {
      200: { description: 'L’image (PNG, JPEG ou WebP)', content: { 'image/*': { schema: z.string().meta({ format: 'binary' }) } } },
      404: error('Actualité inconnue, retirée ou sans image'),
      ...errors,
    },
  },
];
