/** News and events through the real API: curators' CRUD, roles, relais scope, revisions, public reads. */
import { parisLocalToUtc } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { PNG } from '../resources/setup.ts';
import { createEvent, createNews, expectHarmless, HOSTILE_MARKDOWN, parisDay, send } from './setup.ts';

let t: TestApp;
let curator: Signed;
let relais57: Signed;
let professional: Signed;

beforeAll(async () => {
  t = createTestApp();
  curator = await signedInAs(t, 'curateur');
  relais57 = await signedInAs(t, 'relais', { departements: ['57'] });
  professional = await signedInAs(t, 'professionnel-verifie');
});
afterAll(() => t.close());

describe('news: draft, publish, archive', () => {
  it('a draft is invisible to the public until published, and gone again once archived', async () => {
    const created = await send(t, curator, '/api/admin/news', 'POST', {
      title: 'Lancement du réseau en Moselle',
      summary: 'Le réseau s’étend.',
      body: 'Premier paragraphe.\n\n- un\n- deux',
      departements: ['57'],
      audiences: ['professionnels'],
      actors: ['test-association-familles-metz'],
      resources: ['code-penal-article-226-14'],
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('brouillon');
    expect(created.body.body_html).toContain('<li>un</li>');
    const slug = created.body.slug as string;
    expect((await send(t, null, `/api/news/${slug}`)).status).toBe(404);
    expect((await send(t, null, '/api/news')).body.items.map((n: { slug: string }) => n.slug)).not.toContain(slug);

    expect((await send(t, curator, `/api/admin/news/${created.body.id}/publish`, 'POST')).body.status).toBe('publie');
    const page = await send(t, null, `/api/news/${slug}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      title: 'Lancement du réseau en Moselle',
      departements: [{ code: '57', name: 'Moselle' }],
      actors: [{ slug: 'test-association-familles-metz' }],
      resources: [{ slug: 'code-penal-article-226-14' }],
    });
    expect((await send(t, null, '/api/news')).body.items[0].slug).toBe(slug);

    await send(t, curator, `/api/admin/news/${created.body.id}/archive`, 'POST');
    expect((await send(t, null, `/api/news/${slug}`)).status).toBe(404);
  });

  it('hostile Markdown is stored and served harmless', async () => {
    const n = await createNews(t, curator, { title: 'Actualité piégée', body: HOSTILE_MARKDOWN });
    const page = await send(t, null, `/api/news/${n.slug}`);
    expectHarmless(page.body.body_html);
    expect(page.body.body_html).toContain('<h2>Un titre</h2>');
    expect(page.body.body_html).toContain('<a href="https://example.org/page" rel="noopener noreferrer">un lien</a>');
  });

  it('a département sees its own news and the national ones, not another département’s', async () => {
    const nord = await createNews(t, curator, { title: 'Rencontre des acteurs du Nord', departements: ['59'] });
    const national = await createNews(t, curator, { title: 'Campagne nationale de prévention' });
    const moselle = (await send(t, null, '/api/news?departement=57&per_page=50')).body.items.map((n: { slug: string }) => n.slug);
    expect(moselle).toContain(national.slug);
    expect(moselle).not.toContain(nord.slug);
  });

  it('unknown linked actors or resources are named in the error, field by field', async () => {
    const res = await send(t, curator, '/api/admin/news', 'POST', {
      title: 'Liens cassés',
      actors: ['nexiste-pas'],
      resources: ['pas-plus'],
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'actors.0' }), expect.objectContaining({ path: 'resources.0' })]),
    );
  });
});

describe('who may write', () => {
  it('anonymous visitors get 401, verified professionals 403, and a request without the CSRF token 403', async () => {
    expect((await send(t, null, '/api/admin/news', 'POST', { title: 'Intrus' })).status).toBe(401);
    expect((await send(t, professional, '/api/admin/news', 'POST', { title: 'Intrus' })).status).toBe(403);
    expect((await send(t, professional, '/api/admin/events')).status).toBe(403);
    const noCsrf = await asUser(t, curator, '/api/admin/news', { method: 'POST', body: { title: 'Sans jeton' }, csrf: false });
    expect(noCsrf.status).toBe(403);
  });

  it('a relais writes for its départements only, and sees only those entries', async () => {
    expect((await send(t, relais57, '/api/admin/news', 'POST', { title: 'Nationale par un relais' })).status).toBe(403);
    expect((await send(t, relais57, '/api/admin/news', 'POST', { title: 'Nord par un relais', departements: ['59'] })).status).toBe(403);
    const mine = await createNews(t, relais57, { title: 'Comité de suivi de Moselle', departements: ['57'] });
    const other = await createNews(t, curator, { title: 'Actualité du Bas-Rhin', departements: ['67'] });
    expect((await send(t, relais57, `/api/admin/news/${other.id}`)).status).toBe(403);
    expect((await send(t, relais57, `/api/admin/news/${other.id}/archive`, 'POST')).status).toBe(403);
    const list = (await send(t, relais57, '/api/admin/news?per_page=200')).body.items.map((n: { id: number }) => n.id);
    expect(list).toContain(mine.id);
    expect(list).not.toContain(other.id);
    // Moving its own entry out of its départements is refused too.
    const moved = await send(t, relais57, `/api/admin/news/${mine.id}`, 'PUT', { title: 'Déplacée', departements: ['67'] });
    expect(moved.status).toBe(403);
    // An event in a commune of Moselle belongs to Moselle: the relais may create it.
    const ev = await send(t, relais57, '/api/admin/events', 'POST', {
      title: 'Formation à Metz',
      kind: 'formation',
      starts_at: parisDay(20, '09:00'),
      ends_at: parisDay(20, '17:00'),
      commune_code: '57463',
    });
    expect(ev.status).toBe(201);
    expect(ev.body.departements).toEqual(['57']);
    // Another département's event: neither readable, publishable nor revertible by this relais.
    const lille = await createEvent(t, curator, {
      title: 'Formation à Lille',
      kind: 'formation',
      online_url: null,
      commune_code: '59350',
      starts_at: parisDay(21, '09:00'),
      ends_at: parisDay(21, '17:00'),
    });
    for (const [url, method] of [
      [`/api/admin/events/${lille.id}`, 'GET'],
      [`/api/admin/events/${lille.id}/archive`, 'POST'],
      [`/api/admin/events/${lille.id}/revisions`, 'GET'],
    ] as const) {
      expect((await send(t, relais57, url, method)).status, url).toBe(403);
    }
  });
});

describe('revisions', () => {
  it('every change is a revision, and a revert puts the old content back', async () => {
    const n = await createNews(t, curator, { title: 'Première version', body: 'Ancien texte.' }, false);
    const edited = await send(t, curator, `/api/admin/news/${n.id}`, 'PUT', { title: 'Seconde version', body: 'Nouveau **texte**.' });
    expect(edited.status).toBe(200);
    expect(edited.body.body_html).toBe('<p>Nouveau <strong>texte</strong>.</p>');
    const revisions = (await send(t, curator, `/api/admin/news/${n.id}/revisions`)).body.items;
    expect(revisions.map((r: { action: string }) => r.action)).toEqual(['update', 'create']);
    expect(revisions[0].changes).toEqual(expect.arrayContaining([{ path: 'title', before: 'Première version', after: 'Seconde version' }]));
    const reverted = await send(t, curator, `/api/admin/news/${n.id}/revisions/${revisions[1].id}/revert`, 'POST');
    expect(reverted.status).toBe(200);
    expect(reverted.body.title).toBe('Première version');
    expect(reverted.body.body_html).toBe('<p>Ancien texte.</p>');
    const after = (await send(t, curator, `/api/admin/news/${n.id}/revisions`)).body.items;
    expect(after[0]).toMatchObject({ action: 'revert', reverted_to: revisions[1].id });
    // A revision of another entry is not a revision of this one.
    const other = await createNews(t, curator, { title: 'Autre entrée' }, false);
    expect((await send(t, curator, `/api/admin/news/${other.id}/revisions/${revisions[1].id}/revert`, 'POST')).status).toBe(404);
  });

  it('an event’s revisions keep Paris times and revert them', async () => {
    const e = await createEvent(
      t,
      curator,
      { title: 'Webinaire à déplacer', starts_at: '2027-01-14T14:00', ends_at: '2027-01-14T15:30' },
      false,
    );
    await send(t, curator, `/api/admin/events/${e.id}`, 'PUT', {
      title: 'Webinaire à déplacer',
      kind: 'webinaire',
      online_url: 'https://visio.example.org/pare',
      starts_at: '2027-01-21T14:00',
      ends_at: '2027-01-21T15:30',
    });
    const revisions = (await send(t, curator, `/api/admin/events/${e.id}/revisions`)).body.items;
    expect(revisions[0].changes).toEqual(
      expect.arrayContaining([{ path: 'starts_at', before: '2027-01-14T14:00', after: '2027-01-21T14:00' }]),
    );
    const back = await send(t, curator, `/api/admin/events/${e.id}/revisions/${revisions[1].id}/revert`, 'POST');
    expect(back.body.starts_at).toBe('2027-01-14T13:00:00.000Z');
  });
});

describe('events', () => {
  it('are entered in Paris time and served as UTC instants, upcoming first, past reachable', async () => {
    const soon = await createEvent(t, curator, {
      title: 'Webinaire de rentrée',
      starts_at: parisDay(10, '14:00'),
      ends_at: parisDay(10, '15:30'),
      registration_url: 'https://inscription.example.org/rentree',
      replay_url: 'https://replay.example.org/rentree',
    });
    const later = await createEvent(t, curator, {
      title: 'Rencontres PARÉ',
      kind: 'rencontre',
      starts_at: parisDay(40, '09:30'),
      ends_at: parisDay(41, '17:00'),
    });
    const past = await createEvent(t, curator, {
      title: 'Webinaire passé',
      starts_at: parisDay(-10, '10:00'),
      ends_at: parisDay(-10, '11:00'),
      registration_url: 'https://inscription.example.org/passe',
      replay_url: 'https://replay.example.org/passe',
    });
    const upcoming = (await send(t, null, '/api/events?per_page=50')).body.items.map((e: { slug: string }) => e.slug);
    expect(upcoming.indexOf(soon.slug)).toBeLessThan(upcoming.indexOf(later.slug));
    expect(upcoming).not.toContain(past.slug);
    const pastList = (await send(t, null, '/api/events?passes=1&per_page=50')).body.items.map((e: { slug: string }) => e.slug);
    expect(pastList).toContain(past.slug);

    const one = (await send(t, null, `/api/events/${soon.slug}`)).body;
    expect(one.starts_at).toBe(parisLocalToUtc(parisDay(10, '14:00')));
    expect(one.registration_url).toBe('https://inscription.example.org/rentree');
    expect(one.replay_url).toBeNull();
    expect(one.ics_url).toBe(`/api/events/${soon.slug}.ics`);
    const gone = (await send(t, null, `/api/events/${past.slug}`)).body;
    expect(gone).toMatchObject({ past: true, registration_url: null, replay_url: 'https://replay.example.org/passe' });
  });

  it('refuse an end before the start, an event with neither place nor link, and a day the month does not have', async () => {
    /** The event is refused (400) with an issue on `path`. */
    const refusedAt = async (event: Record<string, unknown>, path: string) => {
      const answer = await send(t, curator, '/api/admin/events', 'POST', { kind: 'autre', ...event });
      expect(answer.status).toBe(400);
      expect(answer.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    };
    const online = 'https://visio.example.org/x';
    await refusedAt({ title: 'À l’envers', online_url: online, starts_at: '2027-02-01T10:00', ends_at: '2027-02-01T09:00' }, 'ends_at');
    await refusedAt({ title: 'Nulle part', starts_at: '2027-02-01T10:00', ends_at: '2027-02-01T11:00' }, 'commune_code');
    await refusedAt(
      { title: 'Le 30 février', online_url: online, starts_at: '2027-02-30T10:00', ends_at: '2027-02-30T11:00' },
      'starts_at',
    );
  });

  it('hostile Markdown in an event is served harmless', async () => {
    const e = await createEvent(t, curator, {
      title: 'Événement piégé',
      body: HOSTILE_MARKDOWN,
      starts_at: parisDay(5, '10:00'),
      ends_at: parisDay(5, '11:00'),
    });
    expectHarmless((await send(t, null, `/api/events/${e.slug}`)).body.body_html);
  });
});

describe('public reads are cached', () => {
  it('answer with an ETag and 304 while nothing changed', async () => {
    const first = await t.app.request('/api/news');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await t.app.request('/api/news', { headers: { 'if-none-match': tag as string } });
    expect(again.status).toBe(304);
    await createNews(t, curator, { title: 'Une nouveauté change la liste' });
    expect((await t.app.request('/api/news', { headers: { 'if-none-match': tag as string } })).status).toBe(200);
  });

  it('the OpenAPI document describes the news, agenda and feed routes', async () => {
    const doc = (await send(t, null, '/api/openapi.json')).body;
    for (const path of [
      '/api/news',
      '/api/news/{slug}',
      '/api/events',
      '/api/events/{slug}',
      '/api/news.rss',
      '/api/news.atom',
      '/api/events.ics',
      '/api/events/{slug}.ics',
      '/api/admin/news',
      '/api/admin/events/{id}/revisions/{revisionId}/revert',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});

describe('news image', () => {
  it('takes a real image with the resource upload checks, and serves it once published', async () => {
    const n = await createNews(t, curator, { title: 'Actualité illustrée', image_alt: 'Affiche de la rencontre' }, false);
    const upload = (file: { bytes: Uint8Array | string; name: string; type?: string }, who: Signed | null = curator) => {
      const form = new FormData();
      const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
      form.append('file', new File([Uint8Array.from(bytes)], file.name, { type: file.type ?? '' }));
      const headers: Record<string, string> = who ? { cookie: who.cookie, origin: 'http://localhost', 'x-csrf-token': who.csrf } : {};
      return t.app.request(`/api/admin/news/${n.id}/image`, { method: 'PUT', headers, body: form });
    };
    expect((await upload({ bytes: PNG, name: 'affiche.png', type: 'image/png' }, null)).status).toBe(401);
    const refused = await upload({ bytes: '<html><script>alert(1)</script></html>', name: 'affiche.png', type: 'image/png' });
    expect(refused.status).toBe(400);
    const pdf = await upload({ bytes: '%PDF-1.4\n%%EOF\n', name: 'affiche.pdf', type: 'application/pdf' });
    expect(pdf.status).toBe(400);
    const ok = await upload({ bytes: PNG, name: 'affiche.png', type: 'image/png' });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await t.app.request(`/api/news/${n.slug}/image`)).status).toBe(404); // still a draft
    await send(t, curator, `/api/admin/news/${n.id}/publish`, 'POST');
    const page = (await send(t, null, `/api/news/${n.slug}`)).body;
    expect(page.image_url).toBe(`/api/news/${n.slug}/image`);
    const img = await t.app.request(page.image_url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await img.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);
  });
});

describe('deleting', () => {
  it('a never-published draft can be deleted with its history; a published entry must be archived instead', async () => {
    const draft = await createNews(t, curator, { title: 'Brouillon à jeter' }, false);
    expect((await send(t, relais57, `/api/admin/news/${draft.id}`, 'DELETE')).status).toBe(403);
    expect((await send(t, curator, `/api/admin/news/${draft.id}`, 'DELETE')).status).toBe(200);
    expect((await send(t, curator, `/api/admin/news/${draft.id}`)).status).toBe(404);
    expect(t.db.prepare(`SELECT count(*) FROM news_revisions WHERE entity = 'news' AND entity_id = ?`).pluck().get(draft.id)).toBe(0);

    const published = await createNews(t, curator, { title: 'Publiée puis dépubliée' });
    await send(t, curator, `/api/admin/news/${published.id}/unpublish`, 'POST');
    const refused = await send(t, curator, `/api/admin/news/${published.id}`, 'DELETE');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('archivez-la');

    const event = await createEvent(
      t,
      curator,
      { title: 'Événement brouillon', starts_at: parisDay(9, '10:00'), ends_at: parisDay(9, '11:00') },
      false,
    );
    expect((await send(t, curator, `/api/admin/events/${event.id}`, 'DELETE')).status).toBe(200);
    expect((await send(t, null, `/api/admin/events/${event.id}`, 'DELETE')).status).toBe(401);
  });
});
