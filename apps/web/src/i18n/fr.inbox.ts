/** The texts of the team inbox's flags, filters and hand-over, and of its dashboard card, in French. */
import { nf, plural } from './fr-grammar.ts';

export const frInbox = {
  flags: {
    urgent: 'Urgente',
    urgentHint: 'Danger immédiat déclaré, ou un jeune qui cherche un endroit où dormir',
    jeune: 'Jeune',
    column: 'Signaux',
  },
  filters: {
    urgent: 'Urgence',
    urgentAny: 'Toutes',
    urgentOnly: 'Urgentes seulement',
    profile: 'Profil',
    profileAny: 'Tous les profils',
    age: 'Reçue',
    ageAny: 'Quand que ce soit',
    ageOlder: 'Il y a plus de 48 h',
  },
  priorityIntro:
    'Les urgentes (danger immédiat, ou un jeune sans endroit où dormir) puis celles revenues à l’équipe (la structure ne peut pas les prendre, ou n’a pas répondu). Ce tri vaut pour toutes les pages.',
  urgency: 'Urgence déclarée',
  urgencies: {
    'danger-immediat': 'Danger immédiat',
    inquietude: 'Inquiétude',
    information: 'Besoin d’information',
  } as Record<string, string>,
  needs: 'Besoins',
  noNeeds: 'non indiqués',
  transmit: {
    heading: 'Transmettre à une structure',
    intro:
      'Le référent de la structure reçoit la demande par courriel, avec un lien pour dire où il en est. Seules les structures qui ont un référent sont proposées ; celles qui interviennent dans le département de la demande d’abord.',
    search: 'Chercher une structure',
    searchHint: 'Un mot du nom, par ex. « écoute » ou « Thionville »',
    results: 'Structures possibles',
    none: 'Aucune structure avec un référent ne correspond.',
    loading: 'Recherche…',
    covers: 'intervient dans le département',
    national: 'nationale',
    elsewhere: 'hors du département',
    confidential: 'lieu confidentiel : ses coordonnées ne sont pas données à la personne',
    note: 'Note pour l’historique (facultative)',
    submit: 'Transmettre',
    sending: 'Transmission…',
    choose: 'Choisissez une structure dans la liste.',
    done: (name: string) => `Demande transmise à ${name}. Son référent reçoit le courriel.`,
    closed: 'Cette demande est close : elle ne peut plus être transmise.',
  },
  dashboard: {
    heading: 'Demandes de contact',
    newOnes: (n: number) => `${nf.format(n)} ${plural(n, 'nouvelle', 'nouvelles')}`,
    older: (n: number) => `dont ${nf.format(n)} de plus de 48 h`,
    urgent: (n: number) => `${nf.format(n)} ${plural(n, 'urgente ouverte', 'urgentes ouvertes')}`,
    back: (n: number) => `${nf.format(n)} ${plural(n, 'revenue', 'revenues')} à l’équipe`,
    seeNew: 'Voir les nouvelles',
    seeOlder: 'Voir celles de plus de 48 h',
    seeUrgent: 'Voir les urgentes',
    seeAll: 'Ouvrir la boîte',
  },
} as const;
