/**
 * The resource centre and the territorial protocols, for the router: plain components, which
 * `app.tsx` makes `React.lazy` chunks. The two back-office pages (`admin-resources-page.tsx`,
 * `admin-resource-edit-page.tsx`) are not exported here: `app.tsx` imports each file lazily and
 * directly, so that the back office and zod never weigh on a public visit (and a component that is
 * already lazy is never wrapped in `lazy()` again — React error #306, a blank page).
 */
import './resources.css';

export { ActorResources } from './actor-resources.tsx';
export { DepartementsPage, ProtocolsPage } from './protocols-page.tsx';
export { ResourcePage } from './resource-page.tsx';
export { ResourcesPage } from './resources-page.tsx';
