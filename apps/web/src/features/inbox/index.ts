/** The team inbox page, wired into the router by the web lead. */
export { InboxPage } from './inbox-page.tsx';
