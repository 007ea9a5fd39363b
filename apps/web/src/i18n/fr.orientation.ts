/**
 * The texts of the orientation flow, the contact request form and the team inbox, in French. Kept
 * apart from fr.ts so the orientation area can grow without touching the shared catalogue; same
 * rules: one place for every text, a translation is another file of the same shape.
 */

import {
  type Action,
  type ContactRequestRecipient,
  type ContactRequestStatus,
  type OrientationProfile,
  RECOMMENDATION_GROUP_LABELS,
} from '@pare/schema/codes';
import { nf, plural } from './fr-grammar.ts';

/** Must match PARE_RETENTION_DAYS (180 by default); the API's answer gives the real value after sending. */
export const DEFAULT_RETENTION_DAYS = 180;

export const frOrientation = {
  page: {
    title: 'Trouver de l’aide',
    heading: 'Trouver la bonne personne à contacter',
    intro:
      'Quatre questions, une à la fois. Vos réponses ne sont pas enregistrées : elles servent seulement à vous proposer les bons contacts.',
    stepOf: (n: number, total: number) => `Question ${n} sur ${total}`,
    previous: 'Question précédente',
    next: 'Question suivante',
    showResults: 'Voir les contacts',
    restart: 'Recommencer',
    editAnswers: 'Modifier mes réponses',
    required: 'Choisissez une réponse pour continuer.',
  },

  forActor: {
    back: 'Revenir à la fiche de la structure',
    loading: 'Chargement…',
    orQuestions: 'Ou répondez à quatre questions pour trouver d’autres contacts',
  },

  profile: {
    legend: 'Qui êtes-vous ?',
    options: {
      jeune: { label: 'Je suis jeune', hint: 'Vous avez moins de 25 ans et vous cherchez de l’aide pour vous.' },
      famille: {
        label: 'Je suis un parent ou un proche',
        hint: 'Vous vous inquiétez pour un enfant, un adolescent ou un jeune que vous connaissez.',
      },
      professionnel: {
        label: 'Je suis un ou une professionnelle',
        hint: 'Éducateur, infirmière scolaire, enseignant, policier, travailleur social…',
      },
    },
  },

  place: {
    legend: 'Où êtes-vous ?',
    legendProfessional: 'Où se passe la situation ?',
    label: 'Commune, code postal ou département',
    hint: 'Par exemple : Thionville, 57100 ou Moselle. Vous pouvez aussi indiquer seulement votre département.',
    pickOne: 'Choisissez un lieu dans la liste proposée.',
    chosen: (label: string) => `Lieu choisi : ${label}`,
  },

  needs: {
    legend: 'De quoi avez-vous besoin ?',
    hint: 'Cochez tout ce qui correspond. Si vous ne savez pas, cochez « Je ne sais pas ».',
    unknown: 'Je ne sais pas',
    /** The actions in plain words, as a person would ask for them. */
    options: {
      ecoute: 'Parler à quelqu’un qui écoute',
      accompagnement: 'Être accompagné ou accompagnée au quotidien',
      'soutien-familles': 'Du soutien pour les parents et les proches',
      hebergement: 'Un endroit sûr où dormir',
      soin: 'Voir un soignant (santé, psychologue, addictions)',
      juridique: 'Être aidé pour porter plainte ou pour la justice',
      signalement: 'Signaler une situation préoccupante',
      reperage: 'Quelqu’un qui va à la rencontre des jeunes',
      prevention: 'Des actions de prévention',
      formation: 'Me former (professionnels)',
      coordination: 'Travailler avec les autres acteurs du territoire',
    } satisfies Record<Action, string>,
  },

  urgency: {
    legend: 'Est-ce urgent ?',
    options: {
      'danger-immediat': { label: 'Quelqu’un est en danger maintenant', hint: 'Les numéros d’urgence s’affichent tout de suite.' },
      inquietude: { label: 'Je suis inquiet ou inquiète', hint: 'Ce n’est pas un danger immédiat, mais la situation m’inquiète.' },
      information: { label: 'Je cherche une information', hint: 'Pour comprendre, se renseigner ou se former.' },
    },
  },

  emergency: {
    heading: 'Danger immédiat : appelez maintenant',
    intro: 'Ces numéros sont gratuits et répondent 24 heures sur 24, partout en France.',
    call17: 'Appeler le 17',
    call17Detail: 'Police secours',
    call112: 'Appeler le 112',
    call112Detail: 'Urgences, depuis n’importe quel téléphone',
    call119: 'Appeler le 119',
    call119Detail: 'Allô Enfance en Danger',
    sms114: 'SMS au 114',
    sms114Detail: 'Si vous ne pouvez pas parler',
  },

  results: {
    heading: 'Les contacts pour vous',
    loading: 'Recherche des contacts…',
    errorTitle: 'La recherche de contacts n’a pas abouti.',
    retry: 'Réessayer',
    count: (n: number) => `${nf.format(n)} ${plural(n, 'contact proposé', 'contacts proposés')}`,
    noticesHeading: 'À savoir',
    groups: RECOMMENDATION_GROUP_LABELS,
    distance: (km: number) => `à ${km.toLocaleString('fr-FR', { maximumFractionDigits: km < 10 ? 1 : 0 })} km`,
    viewActor: (name: string) => `Voir la fiche de ${name}`,
    call: (value: string) => `Appeler le ${value}`,
    /** Accessible names start with the visible text (WCAG 2.5.3), then say whom. */
    callLabel: (name: string, value: string) => `Appeler le ${value} (${name})`,
    sms: (value: string) => `SMS au ${value}`,
    smsLabel: (name: string, value: string) => `SMS au ${value} (${name})`,
    email: 'Écrire un e-mail',
    emailLabel: (name: string) => `Écrire un e-mail à ${name}`,
    website: 'Aller sur le site',
    websiteLabel: (name: string) => `Aller sur le site de ${name} (nouvel onglet)`,
    chat: 'Discuter en ligne',
    chatLabel: (name: string) => `Discuter en ligne avec ${name} (nouvel onglet)`,
    requestContact: 'Demander à être recontacté',
    requestContactLabel: (name: string) => `Demander à être recontacté par ${name}`,
    closeForm: 'Fermer le formulaire',
    noneFitsHeading: 'Personne ne correspond ?',
    noneFitsText: 'L’équipe PARÉ peut vous recontacter et vous orienter.',
    noneFitsButton: 'Demander à être recontacté par l’équipe PARÉ',
    showMap: 'Voir ces contacts sur une carte',
    hideMap: 'Masquer la carte',
    mapLoading: 'Chargement de la carte…',
    mapNote: 'La liste ci-dessus présente les mêmes contacts ; les lignes nationales ne figurent pas sur la carte.',
  },

  form: {
    heading: 'Demander à être recontacté',
    headingFor: (name: string) => `Demander à être recontacté par ${name}`,
    /** The form's heading on the page of one actor's request, whose title already names it. */
    yourRequest: 'Votre demande',
    intro: 'Laissez le minimum : un prénom ou un pseudonyme et un moyen de vous joindre suffisent.',
    whoReceives:
      'Votre demande va à la structure choisie si elle reçoit directement les demandes ; sinon, et toujours pour les lieux dont l’adresse est confidentielle, elle va à l’équipe PARÉ, qui vous recontacte ou la transmet.',
    retention: (days: number) =>
      `Vos coordonnées ne sont jamais publiées ni données à d’autres. Elles sont supprimées au plus tard ${days} jours après votre demande.`,
    name: 'Prénom, nom ou pseudonyme',
    nameHint: 'Un pseudonyme suffit.',
    contactLegend: 'Comment vous joindre ?',
    contactHint: 'Indiquez au moins un téléphone ou une adresse e-mail. Choisissez un moyen sûr pour vous.',
    phone: 'Téléphone',
    phoneHint: 'Par exemple : 06 12 34 56 78',
    email: 'Adresse e-mail',
    emailHint: 'Par exemple : prenom@exemple.fr',
    profileLegend: 'Vous êtes',
    profiles: { jeune: 'Jeune', famille: 'Parent ou proche', professionnel: 'Professionnel ou professionnelle' } satisfies Record<
      OrientationProfile,
      string
    >,
    commune: 'Votre commune',
    communeHint: 'Tapez le nom ou le code postal, puis choisissez dans la liste.',
    communeNeeded: 'Choisissez une commune (pas seulement un département) dans la liste.',
    message: 'Votre message (facultatif)',
    messageHint: 'Ce que vous voulez dire, quand vous rappeler… N’écrivez que ce qui est utile.',
    messageCount: (n: number, max: number) => `${nf.format(n)} caractères sur ${nf.format(max)}`,
    consent: 'J’accepte que ces informations soient transmises pour que l’on me recontacte.',
    honeypot: 'Ne remplissez pas ce champ',
    submit: 'Envoyer ma demande',
    sending: 'Envoi en cours…',
    errorsHeading: (n: number) => `${n} ${plural(n, 'champ à corriger', 'champs à corriger')} :`,
    rateLimited:
      'Trop de demandes ont été envoyées depuis votre connexion. Réessayez dans quelques minutes. En cas de danger, appelez le 17 ou le 119.',
    tooLarge: 'Votre message est trop long : raccourcissez-le.',
    successHeading: 'Votre demande est envoyée',
    referenceLabel: 'Votre référence',
    referenceHint: 'Notez-la : avec le téléphone ou l’e-mail donné, elle permet de suivre votre demande sur la page',
    followLink: 'Suivre ma demande',
    another: 'Envoyer une autre demande',
  },

  inbox: {
    title: 'Demandes de contact',
    heading: 'Boîte de l’équipe : demandes de contact',
    intro: 'Les demandes arrivées par l’annuaire. Un relais territorial ne voit que celles de ses départements.',
    loading: 'Chargement des demandes…',
    signInNeeded: 'Cette page est réservée à l’équipe PARÉ et aux relais territoriaux : connectez-vous pour la voir.',
    forbidden: 'Votre compte n’a pas accès aux demandes de contact.',
    errorTitle: 'Les demandes n’ont pas pu être chargées.',
    filtersLabel: 'Filtrer les demandes',
    /** On a phone, the button that unfolds the filters, with how many are applied. */
    filtersToggle: 'Filtres',
    filtersActive: (n: number) => (n === 0 ? '' : n === 1 ? ' · 1 appliqué' : ` · ${n} appliqués`),
    status: 'Statut',
    anyStatus: 'Tous les statuts',
    departement: 'Département',
    departementHint: 'Code, par ex. 57',
    actor: 'Acteur (identifiant)',
    actorHint: 'Par ex. crip-57',
    apply: 'Filtrer',
    reset: 'Tout afficher',
    count: (n: number) => (n === 0 ? 'Aucune demande' : `${nf.format(n)} ${plural(n, 'demande', 'demandes')}`),
    columns: {
      reference: 'Référence',
      received: 'Reçue le',
      age: 'Âge',
      holder: 'Qui l’a en main',
      lastEvent: 'Dernier événement',
      status: 'Statut',
      recipient: 'Destinataire',
      place: 'Commune',
      actor: 'Acteur',
      name: 'Nom ou pseudonyme',
    },
    statuses: {
      nouvelle: 'Nouvelle',
      transmise: 'Transmise',
      'en-cours': 'En cours',
      cloturee: 'Clôturée',
      'a-reorienter': 'À réorienter',
      'sans-reponse': 'Sans réponse',
    } satisfies Record<ContactRequestStatus, string>,
    priorityHeading: (n: number) => `À traiter en priorité (${nf.format(n)})`,
    priorityIntro: 'Revenues à l’équipe : la structure ne peut pas les prendre, ou n’a pas répondu.',
    othersHeading: 'Les autres demandes',
    age: (days: number) => (days <= 0 ? 'aujourd’hui' : days === 1 ? 'hier' : `il y a ${nf.format(days)} j`),
    holders: { structure: 'Structure', equipe: 'Équipe PARÉ' } as Record<string, string>,
    lastEvent: (status: string, by: string) => `${status}, par ${by}`,
    noEvent: 'aucun',
    recipients: { acteur: 'La structure', 'equipe-pare': 'Équipe PARÉ' } satisfies Record<ContactRequestRecipient, string>,
    profiles: { jeune: 'Jeune', famille: 'Parent ou proche', professionnel: 'Professionnel' } satisfies Record<OrientationProfile, string>,
    noActor: '—',
    open: (reference: string) => `Ouvrir la demande ${reference}`,
    previous: 'Page précédente',
    next: 'Page suivante',
    page: (page: number, pages: number) => `Page ${page} sur ${pages}`,
    detailHeading: (reference: string) => `Demande ${reference}`,
    close: 'Fermer la demande',
    detailLoading: 'Chargement de la demande…',
    fields: {
      profile: 'Profil',
      phone: 'Téléphone',
      email: 'E-mail',
      message: 'Message',
      place: 'Commune',
      actor: 'Acteur choisi',
      recipient: 'Destinataire',
      purge: 'Suppression prévue le',
      mails: 'Courriels',
    },
    none: 'non indiqué',
    noMessage: '(pas de message)',
    mailStatus: { pending: 'en attente d’envoi', sent: 'envoyé', failed: 'en échec' } as Record<string, string>,
    mailLine: (status: string, attempts: number) => `${status} (${attempts} ${plural(attempts, 'tentative', 'tentatives')})`,
    historyHeading: 'Historique',
    historyLine: (from: string | null, to: string, by: string) => (from ? `${from} → ${to}, par ${by}` : `${to}, par ${by}`),
    changeHeading: 'Changer le statut',
    newStatus: 'Nouveau statut',
    note: 'Note (facultative)',
    noteHint: 'Ce qui a été fait. Pas de donnée personnelle inutile.',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    saved: 'Statut enregistré.',
    outboxHeading: 'Courriels',
    outboxNoSmtp: 'Aucun relais SMTP n’est configuré : les courriels attendent dans la file.',
    outboxCounts: (pending: number, sent: number, failed: number) =>
      `${nf.format(pending)} en attente, ${nf.format(sent)} envoyés, ${nf.format(failed)} en échec`,
    outboxFailed: 'Courriels en échec',
    retry: 'Renvoyer',
    retryLabel: (subject: string) => `Renvoyer le courriel « ${subject} »`,
    retried: 'Le courriel est de nouveau dans la file.',
  },
} as const;

export type OrientationMessages = typeof frOrientation;
