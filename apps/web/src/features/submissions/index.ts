/** Submission pages, for the router: `/admin/propositions`, `/admin/propositions/:id`, `/referencer`, `/signaler?acteur=<slug>`. */

export { ErrorReportFormPage } from './error-report-page.tsx';
export { SubmissionQueuePage } from './queue-page.tsx';
export { ReferencingFormPage } from './referencing-form-page.tsx';
export { SubmissionReviewPage } from './review-page.tsx';
