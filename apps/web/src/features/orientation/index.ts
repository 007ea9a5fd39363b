/** The orientation area's pages, wired into the router by the web lead. */
export { ContactRequestForm, type ContactRequestFormProps } from './contact-request-form.tsx';
export { OrientationPage } from './orientation-page.tsx';
