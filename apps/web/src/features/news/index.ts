/**
 * News and agenda, for the router: plain components, which `app.tsx` makes `React.lazy` chunks.
 * The back-office pages (`admin-news-pages.tsx`) are not exported here: `app.tsx` imports that
 * file lazily and directly, so the back office never weighs on a public visit.
 */
import './news.css';

export { HomeNetworkBlocks, NewsAndEventsBlocks } from './cards.tsx';
export { EventPage, NewsPage } from './detail-pages.tsx';
export { AgendaPage, NewsListPage } from './list-pages.tsx';
