/** The back office's pages, for the router: `/connexion`, `/admin`, `/admin/acteurs`, `/admin/acteurs/nouveau`, `/admin/acteurs/:id` (+ `/historique`), `/admin/import`. */

export { AdminActorEditPage } from './actor-edit-page.tsx';
export { ActorHistoryPage } from './actor-history.tsx';
export { AdminActorListPage } from './actor-list-page.tsx';
export { AdminLayout } from './admin-layout.tsx';
export { CampaignPage } from './campaign-page.tsx';
export { CampaignsPage } from './campaigns-page.tsx';
export { AdminDashboardPage } from './dashboard-page.tsx';
export { AdminImportPage } from './import-page.tsx';
export { LoginPage } from './login-page.tsx';
