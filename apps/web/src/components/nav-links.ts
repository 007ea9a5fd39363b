/** The main menu, in the order a visitor needs it. */
import { fr } from '../i18n/fr.ts';

export const NAV_LINKS: { href: string; label: string }[] = [
  { href: '/', label: fr.app.nav.search },
  { href: '/orientation', label: fr.app.nav.orientation },
  { href: '/ressources', label: fr.app.nav.resources },
  { href: '/departements', label: fr.app.nav.departements },
];
