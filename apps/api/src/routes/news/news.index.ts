import { FeedQuerySchema, SlugSchema } from '@pare/schema';
import type { Context } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError, validationError, zodIssues } from '../../lib/errors.ts';
import { newsImageFile } from '../../services/admin-news.ts';
import { eventsCalendar, newsFeed } from '../../services/feeds.ts';
import { publicEvent, publicNews } from '../../services/news.ts';
import { sendImage } from '../admin-news/admin-news.index.ts';
import { publicOrigin } from '../exports/public-origin.ts';
import { feedDocs, getEventRoute, getNewsRoute, listEventsRoute, listNewsRoute } from './news.routes.ts';

const router = createRouter();
for (const doc of feedDocs) router.openAPIRegistry.registerPath(doc);

// Public reads: the same for everyone (no confidential data here), revalidated on each use
// (`no-cache`) and answered 304 from the ETag while nothing changed.
// (`/news/*` also matches `/news` itself, so each middleware runs once per request.)
for (const path of ['/news/*', '/news.rss', '/news.atom', '/events/*', '/events.ics']) {
  router.use(path, async (c, next) => {
    await next();
    if (c.res.status === 200 && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });
  router.use(path, etag());
}

function feedQuery(c: Context<AppEnv>) {
  const q = FeedQuerySchema.safeParse(c.req.query());
  if (!q.success) throw validationError(zodIssues(q.error));
  return q.data;
}

const FEED_SIZE = 50;
const CALENDAR_SIZE = 500;

function text(body: string, type: string, extra: Record<string, string> = {}): Response {
  return new Response(body, { status: 200, headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-cache', ...extra } });
}

function newsFeedResponse(c: Context<AppEnv>, format: 'rss' | 'atom') {
  const { departement } = feedQuery(c);
  const items = c.var.services.news.feedNews(departement, FEED_SIZE);
  return text(
    newsFeed(items, { origin: publicOrigin(c), departement }, format),
    format === 'rss' ? 'application/rss+xml' : 'application/atom+xml',
  );
}

router.get('/news.rss', (c) => newsFeedResponse(c, 'rss'));
router.get('/news.atom', (c) => newsFeedResponse(c, 'atom'));

router.get('/events.ics', (c) => {
  const { departement } = feedQuery(c);
  const from = new Date(Date.now() - 365 * 24 * 3600_000).toISOString();
  const events = c.var.services.news.calendarEvents(departement, from, CALENDAR_SIZE);
  return text(eventsCalendar(events, { origin: publicOrigin(c), departement }), 'text/calendar', {
    'Content-Disposition': 'inline; filename="agenda-pare.ics"',
  });
});

// `/events/<slug>.ics`: declared before `/events/{slug}`, which would take the whole name.
router.get('/events/:file{[a-z0-9-]+\\.ics}', (c) => {
  const slug = SlugSchema.safeParse(c.req.param('file').slice(0, -'.ics'.length));
  if (!slug.success) throw validationError(zodIssues(slug.error));
  const e = c.var.services.news.publishedEvent(slug.data);
  return text(eventsCalendar([e], { origin: publicOrigin(c), name: e.title }), 'text/calendar', {
    'Content-Disposition': `attachment; filename="${e.slug}.ics"`,
  });
});

router.get('/news/:slug/image', (c) => {
  const slug = SlugSchema.safeParse(c.req.param('slug'));
  if (!slug.success) throw validationError(zodIssues(slug.error));
  const file = newsImageFile(c.var.config, c.var.services.news.publishedNews(slug.data));
  if (!file) throw new ApiError('not_found', 'Cette actualité n’a pas d’image.');
  return sendImage(file, 'no-cache');
});

export const newsRouter = router
  .openapi(listNewsRoute, (c) => c.json(c.var.services.news.listNews(c.req.valid('query')), 200))
  .openapi(getNewsRoute, (c) => c.json(publicNews(c.var.services.news.publishedNews(c.req.valid('param').slug)), 200))
  .openapi(listEventsRoute, (c) => c.json(c.var.services.news.listEvents(c.req.valid('query')), 200))
  .openapi(getEventRoute, (c) => c.json(publicEvent(c.var.services.news.publishedEvent(c.req.valid('param').slug)), 200));
