import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@pare/api/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, createAccount, signIn } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// A local stand-in answering like the Base Adresse Nationale's /search/ (GeoJSON features).
const asked: URL[] = [];
const ban = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://ban.local');
  asked.push(url);
  const known = url.searchParams.get('q')?.includes('Paixhans');
  const body = known
    ? {
        features: [
          {
            geometry: { coordinates: [6.1745, 49.1162] },
            properties: { label: '1 Rue Paixhans 57000 Metz', score: 0.92, citycode: url.searchParams.get('citycode') },
          },
        ],
      }
    : { features: [{ geometry: { coordinates: [2.35, 48.85] }, properties: { label: 'Ailleurs', score: 0.3, citycode: '75056' } }] };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
});

let t: TestApp;
let geocoderUrl: string;
beforeAll(async () => {
  t = createTestApp({ fixtures: false });
  await new Promise<void>((r) => ban.listen(0, '127.0.0.1', () => r()));
  geocoderUrl = `http://127.0.0.1:${(ban.address() as AddressInfo).port}/search/`;
});
afterAll(() => {
  ban.close();
  t.close();
});

describe('the optional address geocoder (PARE_GEOCODER_URL)', () => {
  it('places a site at its address when the geocoder finds it in the chosen commune', async () => {
    const app = createApp({ db: t.db, config: { geocoderUrl } });
    const withGeocoder = { ...t, app };
    const who = await signIn(withGeocoder, await createAccount(withGeocoder, 'curateur'));
    const res = await asUser(withGeocoder, who, `/api/admin/geocode?commune=57463&address=${encodeURIComponent('1 rue Paixhans')}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ precision: 'address', lat: 49.1162, lng: 6.1745, label: '1 Rue Paixhans 57000 Metz' });
    expect(asked.at(-1)?.searchParams.get('citycode')).toBe('57463');
  });

  it('keeps the commune centre when the match is doubtful or in another commune', async () => {
    const app = createApp({ db: t.db, config: { geocoderUrl } });
    const withGeocoder = { ...t, app };
    const who = await signIn(withGeocoder, await createAccount(withGeocoder, 'curateur'));
    const body = await (
      await asUser(withGeocoder, who, `/api/admin/geocode?commune=57463&address=${encodeURIComponent('nulle part')}`)
    ).json();
    expect(body).toMatchObject({ precision: 'commune', label: null, commune: { code: '57463', name: 'Metz' } });
  });

  it('is never called when not configured: the commune centre comes from the embedded referential', async () => {
    const before = asked.length;
    const who = await signIn(t, await createAccount(t, 'curateur'));
    const body = await (await asUser(t, who, `/api/admin/geocode?commune=57463&address=${encodeURIComponent('1 rue Paixhans')}`)).json();
    expect(body.precision).toBe('commune');
    expect(asked.length).toBe(before);
  });
});
