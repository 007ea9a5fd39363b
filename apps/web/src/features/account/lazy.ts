/** The account pages as `React.lazy` components (see features/admin/lazy.ts): none weighs on a visitor's first page. */
import { lazy } from 'react';

export const AccountPage = lazy(() => import('./account-page.tsx').then((m) => ({ default: m.AccountPage })));
export const SetPasswordPage = lazy(() => import('./set-password-page.tsx').then((m) => ({ default: m.SetPasswordPage })));
export const AccountRequestPage = lazy(() => import('./account-request-page.tsx').then((m) => ({ default: m.AccountRequestPage })));
export const AdminAccountsPage = lazy(() => import('./admin-accounts-page.tsx').then((m) => ({ default: m.AdminAccountsPage })));
