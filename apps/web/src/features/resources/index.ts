/**
 * The resource centre and the territorial protocols, for the router. The public pages are plain
 * components; the two back-office pages are `React.lazy` (render them inside `<Suspense>`), so
 * that the back office and zod never weigh on a public first visit.
 */
import { lazy } from 'react';
import './resources.css';

export { ActorResources } from './actor-resources.tsx';
export { DepartementsPage, ProtocolsPage } from './protocols-page.tsx';
export { ResourcePage } from './resource-page.tsx';
export { ResourcesPage } from './resources-page.tsx';

/** `/admin/ressources` (`?vue=protocoles` for the protocols). */
export const AdminResourcesPage = lazy(() => import('./admin-resources-page.tsx').then((m) => ({ default: m.AdminResourcesPage })));
/** `/admin/ressources/nouvelle`, `/admin/ressources/:id`, `/admin/protocoles/nouveau`, `/admin/protocoles/:id`: props `{ kind: 'resource' | 'protocol'; id: number | null }`. */
export const AdminResourceEditPage = lazy(() =>
  import('./admin-resource-edit-page.tsx').then((m) => ({ default: m.AdminResourceEditPage })),
);
