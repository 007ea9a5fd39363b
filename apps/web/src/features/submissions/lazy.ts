/** The submission pages as `React.lazy` components (see features/admin/lazy.ts). Same names and props as `index.ts`. */
import { lazy } from 'react';

export const SubmissionQueuePage = lazy(() => import('./queue-page.tsx').then((m) => ({ default: m.SubmissionQueuePage })));
export const SubmissionReviewPage = lazy(() => import('./review-page.tsx').then((m) => ({ default: m.SubmissionReviewPage })));
export const ReferencingFormPage = lazy(() => import('./referencing-form-page.tsx').then((m) => ({ default: m.ReferencingFormPage })));
export const ErrorReportFormPage = lazy(() => import('./error-report-page.tsx').then((m) => ({ default: m.ErrorReportFormPage })));
