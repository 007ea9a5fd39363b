/** « Où en est ma demande ? »: the reference and the contact given, and nothing more comes back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { contactRequest, orientationApp, postJson } from '../orientation/helpers.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp(
    orientationApp({
      rateLimits: { contactRequests: { limit: 100, windowMs: 60_000 }, requestStatus: { limit: 6, windowMs: 60_000 } },
    }),
  );
});
afterAll(() => t.close());

describe('POST /api/contact-requests/status', () => {
  it('gives the status to whoever has the reference and the e-mail or phone, and nothing else', async () => {
    const created = await postJson(
      t.app,
      '/api/contact-requests',
      contactRequest({ email: 'Camille@Example.test', phone: '06 12 34 56 78' }),
    );
    const reference = created.body.reference as string;
    for (const contact of ['camille@example.test', '0612345678', '+33 6 12 34 56 78']) {
      const r = await postJson(t.app, '/api/contact-requests/status', { reference: reference.toLowerCase(), contact });
      expect(r.status, contact).toBe(200);
      expect(Object.keys(r.body).sort()).toEqual(['label', 'reference', 'status', 'updated_at']);
      expect(r.body).toMatchObject({ reference, status: 'nouvelle' });
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers a wrong contact and an unknown reference the same way, and stops a guesser', async () => {
    const created = await postJson(t.app, '/api/contact-requests', contactRequest({ phone: '06 99 88 77 66' }));
    const wrong = await postJson(t.app, '/api/contact-requests/status', { reference: created.body.reference, contact: '06 11 11 11 11' });
    const unknown = await postJson(t.app, '/api/contact-requests/status', { reference: 'PARE-22222222', contact: '06 99 88 77 66' });
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    expect(wrong.body.message).toBe(unknown.body.message);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await postJson(t.app, '/api/contact-requests/status', { reference: 'PARE-33333333', contact: 'x@y.fr' })).status);
    expect(statuses.at(-1)).toBe(429);
  });
});
