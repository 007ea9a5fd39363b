/** The main menu, in the order a visitor needs it. */

import { frNews } from '../i18n/fr.news.ts';
import { fr } from '../i18n/fr.ts';

export const NAV_LINKS: { href: string; label: string }[] = [
  { href: '/', label: fr.app.nav.search },
  { href: '/orientation', label: fr.app.nav.orientation },
  { href: '/ressources', label: fr.app.nav.resources },
  { href: '/actualites', label: frNews.nav.news },
  { href: '/agenda', label: frNews.nav.agenda },
  { href: '/departements', label: fr.app.nav.departements },
];
