/**
 * The resource centre and the territorial protocols, for the router. The public pages and the two
 * back-office pages are plain components: `app.tsx` makes each one a `React.lazy` chunk (wrapping a
 * component that is itself lazy again gives React error #306 — a blank page), so that the back
 * office and zod never weigh on a public first visit.
 */
import './resources.css';

export { ActorResources } from './actor-resources.tsx';
/** `/admin/ressources/nouvelle`, `/admin/ressources/:id`, `/admin/protocoles/nouveau`, `/admin/protocoles/:id`: props `{ kind: 'resource' | 'protocol'; id: number | null }`. */
export { AdminResourceEditPage } from './admin-resource-edit-page.tsx';
/** `/admin/ressources` (`?vue=protocoles` for the protocols). */
export { AdminResourcesPage } from './admin-resources-page.tsx';
export { DepartementsPage, ProtocolsPage } from './protocols-page.tsx';
export { ResourcePage } from './resource-page.tsx';
export { ResourcesPage } from './resources-page.tsx';
