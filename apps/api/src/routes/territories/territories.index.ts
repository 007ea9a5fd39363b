import { distanceKm, getCommune, listCommunes, listDepartements, listRegions, locate, searchTerritories } from '@pare/geo';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import { communesNearRoute, locateRoute, searchTerritoriesRoute, territoryNamesRoute } from './territories.routes.ts';

const NEAR_KM = 20;
const NEAR_MAX = 400;

export const territoriesRouter = createRouter()
  .openapi(searchTerritoriesRoute, (c) => {
    const { q, limit } = c.req.valid('query');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json({ items: searchTerritories(q, limit ?? 10) }, 200);
  })
  .openapi(locateRoute, (c) => {
    const { lat, lng } = c.req.valid('query');
    const found = locate(lat, lng);
    if (!found) throw new ApiError('not_found', 'Ce point n’est dans aucun département français (en mer ou à l’étranger).');
    return c.json({ departement: found.departement, region: found.region }, 200);
  })
  .openapi(territoryNamesRoute, (c) => {
    const { communes } = c.req.valid('query');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(
      {
        regions: listRegions().map((r) => ({ code: r.code, name: r.name })),
        departements: listDepartements().map((d) => ({ code: d.code, name: d.name, region: d.region })),
        communes: (communes ?? []).flatMap((code) => {
          const found = getCommune(code);
          return found ? [{ code: found.code, name: found.name, departement: found.departement }] : [];
        }),
      },
      200,
    );
  })
  .openapi(communesNearRoute, (c) => {
    const { lat, lng } = c.req.valid('query');
    // A cheap box first (1° of latitude ≈ 111 km), then the real distance.
    const dLat = NEAR_KM / 111;
    const dLng = NEAR_KM / (111 * Math.max(0.2, Math.cos((lat * Math.PI) / 180)));
    const near = listCommunes()
      .filter((x) => Math.abs(x.lat - lat) <= dLat && Math.abs(x.lng - lng) <= dLng && distanceKm({ lat, lng }, x) <= NEAR_KM)
      .sort((a, b) => b.population - a.population)
      .slice(0, NEAR_MAX);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(
      {
        type: 'FeatureCollection' as const,
        features: near.map((x) => ({
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [x.lng, x.lat] },
          properties: { code: x.code, name: x.name, population: x.population },
        })),
      },
      200,
    );
  });
