/**
 * The back-office pages as `React.lazy` components, so that neither they nor zod weigh on the
 * public first visit: `import * as Admin from './features/admin/lazy.ts'` and render them inside
 * a `<Suspense>`. Same names and props as `index.ts`.
 */
import { lazy } from 'react';

export const LoginPage = lazy(() => import('./login-page.tsx').then((m) => ({ default: m.LoginPage })));
export const AdminDashboardPage = lazy(() => import('./dashboard-page.tsx').then((m) => ({ default: m.AdminDashboardPage })));
export const AdminActorListPage = lazy(() => import('./actor-list-page.tsx').then((m) => ({ default: m.AdminActorListPage })));
export const AdminActorEditPage = lazy(() => import('./actor-edit-page.tsx').then((m) => ({ default: m.AdminActorEditPage })));
export const ActorHistoryPage = lazy(() => import('./actor-history.tsx').then((m) => ({ default: m.ActorHistoryPage })));
export const AdminImportPage = lazy(() => import('./import-page.tsx').then((m) => ({ default: m.AdminImportPage })));
export const CoveragePage = lazy(() => import('../stats/coverage-page.tsx').then((m) => ({ default: m.CoveragePage })));
export const CampaignsPage = lazy(() => import('./campaigns-page.tsx').then((m) => ({ default: m.CampaignsPage })));
export const CampaignPage = lazy(() => import('./campaign-page.tsx').then((m) => ({ default: m.CampaignPage })));
