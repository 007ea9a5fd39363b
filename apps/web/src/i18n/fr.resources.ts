/**
 * Every text of the resource centre, the territorial protocols and the département pages, in
 * French. Kept apart from fr.ts so these features could grow in parallel; same shape rules.
 *
 * The code lists of resources live in @pare/schema (resources.ts), which the web build cannot
 * import at run time (only codes.ts is aliased, to keep zod out of the bundle): their labels are
 * repeated here, typed against the schema's code types, so a code added there fails the type
 * check here until it has a label.
 */
import type { MeetingFrequency, MemberRole, ProtocolKind, ResourceScope, ResourceTheme, ResourceType } from '@pare/schema';
import { ACTION_LABELS } from '@pare/schema/codes';
import { nf, plural } from './fr-grammar.ts';

export const RESOURCE_TYPE_LABELS: Record<ResourceType, string> = {
  guide: 'Guide',
  fiche: 'Fiche pratique',
  'outil-prevention': 'Outil de prévention',
  video: 'Vidéo',
  formation: 'Formation',
  'texte-juridique': 'Texte juridique',
  etude: 'Étude, rapport ou bilan',
  'bonne-pratique': 'Bonne pratique',
  'protocole-territorial': 'Protocole territorial',
};

export const RESOURCE_THEME_LABELS: Record<ResourceTheme, string> = {
  ...ACTION_LABELS,
  'cadre-juridique': 'Cadre juridique',
  'information-partagee': 'Information partagée et secret professionnel',
  chiffres: 'Chiffres et état des lieux',
};

export const RESOURCE_SCOPE_LABELS: Record<ResourceScope, string> = {
  national: 'Toute la France',
  regions: 'Région(s)',
  departements: 'Département(s)',
};

export const PROTOCOL_KIND_LABELS: Record<ProtocolKind, string> = {
  convention: 'Convention',
  'comite-de-suivi': 'Comité de suivi',
  commission: 'Commission',
  other: 'Autre instance',
};

export const MEETING_FREQUENCY_LABELS: Record<MeetingFrequency, string> = {
  mensuel: 'Mensuel',
  bimestriel: 'Tous les deux mois',
  trimestriel: 'Trimestriel',
  semestriel: 'Semestriel',
  annuel: 'Annuel',
  ponctuel: 'Ponctuel',
};

export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  signataire: 'Signataire',
  pilote: 'Pilote',
  membre: 'Membre',
  invite: 'Invité',
};

/** The codes, in the schema's order (the labels above are declared in that order). */
export const RESOURCE_TYPE_CODES = Object.keys(RESOURCE_TYPE_LABELS) as ResourceType[];
export const RESOURCE_THEME_CODES = Object.keys(RESOURCE_THEME_LABELS) as ResourceTheme[];
export const RESOURCE_SCOPE_CODES = Object.keys(RESOURCE_SCOPE_LABELS) as ResourceScope[];
export const PROTOCOL_KIND_CODES = Object.keys(PROTOCOL_KIND_LABELS) as ProtocolKind[];
export const MEETING_FREQUENCY_CODES = Object.keys(MEETING_FREQUENCY_LABELS) as MeetingFrequency[];
export const MEMBER_ROLE_CODES = Object.keys(MEMBER_ROLE_LABELS) as MemberRole[];

const sizeFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export const frResources = {
  list: {
    pageTitle: 'Centre de ressources',
    heading: 'Centre de ressources',
    intro:
      'Guides, fiches, outils de prévention, vidéos, formations, textes juridiques, études et protocoles territoriaux produits par les acteurs du réseau.',
    searchLabel: 'Rechercher une ressource',
    textLabel: 'Mots-clés',
    textHint: 'Titre, sujet, référence d’un texte (ex. 226-14)…',
    departementLabel: 'Département',
    departementHint: 'Ressources nationales et celles de ce département',
    departementAll: 'Tous les départements',
    departementOption: (code: string, name: string) => `${code} — ${name}`,
    departementUnknown: (text: string) => `Aucun département ne s’appelle « ${text} » : choisissez-le dans la liste.`,
    submit: 'Rechercher',
    filtersHeading: 'Filtres',
    filterTypes: 'Type de ressource',
    filterPublics: 'Public',
    filterThemes: 'Thème',
    clearFilters: 'Effacer les filtres',
    count: (n: number) => (n === 0 ? 'Aucune ressource' : `${nf.format(n)} ${plural(n, 'ressource', 'ressources')}`),
    empty: 'Aucune ressource ne correspond. Essayez moins de filtres ou d’autres mots.',
    loading: 'Chargement des ressources…',
    errorTitle: 'Les ressources n’ont pas pu être chargées',
    retry: 'Réessayer',
    previous: 'Page précédente',
    next: 'Page suivante',
    pageStatus: (page: number, pages: number) => `Page ${page} sur ${pages}`,
    paginationLabel: 'Pages de résultats',
  },
  item: {
    type: 'Type',
    publics: 'Publics',
    themes: 'Thèmes',
    territory: 'Territoire',
    national: 'Toute la France',
    date: (d: string) => `Date : ${d}`,
    producedBy: 'Produit par',
    reference: 'Référence',
    file: (kind: string, size: number) =>
      `${kind}, ${size < 1024 * 1024 ? `${sizeFormat.format(size / 1024)} ko` : `${sizeFormat.format(size / 1024 / 1024)} Mo`}`,
  },
  detail: {
    back: 'Toutes les ressources',
    loading: 'Chargement de la ressource…',
    notFoundTitle: 'Ressource introuvable',
    errorTitle: 'La ressource n’a pas pu être chargée',
    download: 'Télécharger le fichier',
    downloadHint: 'Le fichier s’enregistre sur votre appareil ; il ne s’ouvre pas dans le site.',
    openLink: (host: string) => `Consulter la ressource sur ${host}`,
    externalHint: 'Lien vers un autre site, qui s’ouvre dans un nouvel onglet.',
    noAccess: 'Cette ressource n’est pas en ligne : le résumé de cette page en donne l’essentiel.',
    source: 'Informations vérifiées sur',
    summary: 'Résumé',
    updatedOn: (d: string) => `Fiche mise à jour le ${d}`,
  },
  actorResources: {
    heading: 'Ressources produites',
    loading: 'Chargement des ressources…',
    error: 'Les ressources de cet acteur n’ont pas pu être chargées.',
    seeAll: (n: number) => `Voir les ${nf.format(n)} ressources`,
  },
  protocols: {
    pageTitle: 'Protocoles territoriaux',
    heading: 'Protocoles territoriaux',
    intro:
      'Conventions, comités de suivi et commissions qui font travailler ensemble, dans un département, la protection de l’enfance, la justice, la santé, les forces de l’ordre et les associations. Des exemples à reprendre dans d’autres territoires.',
    loading: 'Chargement des protocoles…',
    errorTitle: 'Les protocoles n’ont pas pu être chargés',
    none: 'Aucun protocole territorial n’est encore référencé.',
    count: (n: number) => `${nf.format(n)} ${plural(n, 'protocole', 'protocoles')}`,
    signedOn: (d: string) => `Signé ou créé le ${d}`,
    frequency: (f: string) => `Réunions : ${f.toLocaleLowerCase('fr-FR')}`,
    createdBy: 'Créé par',
    members: 'Membres',
    meetings: 'Réunions',
    resources: 'Documents liés',
    noMembers: 'La composition n’est pas publiée.',
    departementLink: (name: string) => `Tout ce qui existe en ${name}`,
    departementsHeading: 'Départements',
    departementsIntro: 'Nombre d’acteurs locaux (nationaux exclus) et de protocoles dans chaque département.',
    tableDepartement: 'Département',
    tableRegion: 'Région',
    tableActors: 'Acteurs locaux',
    tableProtocols: 'Protocoles',
    withProtocolOnly: 'Seulement les départements ayant un protocole',
  },
  departement: {
    loading: 'Chargement du département…',
    notFoundTitle: 'Département introuvable',
    errorTitle: 'Le département n’a pas pu être chargé',
    title: (name: string, code: string) => `${name} (${code})`,
    region: (name: string) => `Région ${name}`,
    reportingHeading: 'Signaler un mineur en danger, protection de l’enfance',
    reportingIntro:
      'Tout mineur en situation de prostitution est réputé en danger. Les informations préoccupantes se transmettent à la CRIP du département ; en cas de danger grave et immédiat, appelez le 17 ou le 119.',
    reportingNone:
      'Aucune CRIP ni aucun service d’aide sociale à l’enfance n’est encore référencé pour ce département. Le 119 reçoit les informations préoccupantes de toute la France.',
    noDirectContact: 'Pas de numéro direct publié par le Département :',
    call119: 'appelez le 119 (gratuit, 24 h/24), qui lui transmet',
    actorsHeading: 'Acteurs du département',
    actorsNone: 'Aucun autre acteur local n’est encore référencé ici. Les lignes nationales restent joignables.',
    protocolsHeading: 'Protocoles territoriaux',
    protocolsNone: 'Aucun protocole territorial n’est encore référencé pour ce département.',
    resourcesHeading: 'Ressources du territoire',
    resourcesNone: 'Aucune ressource propre à ce territoire.',
    allResources: 'Voir aussi les ressources nationales',
    searchActors: 'Chercher un acteur dans ce département',
    allDepartements: 'Tous les départements',
  },
  admin: {
    pageTitle: 'Ressources et protocoles (gestion)',
    heading: 'Ressources et protocoles',
    tabsLabel: 'Que gérer',
    tabResources: 'Ressources',
    tabProtocols: 'Protocoles territoriaux',
    newResource: 'Nouvelle ressource',
    newProtocol: 'Nouveau protocole',
    searchLabel: 'Filtrer par mot du titre',
    statusLabel: 'État',
    statusAll: 'Toutes',
    statusPublished: 'Publiée',
    statusArchived: 'Archivée',
    edit: 'Modifier',
    view: 'Consulter',
    readOnly: 'Hors de vos départements',
    tableTitle: 'Titre',
    tableType: 'Type',
    tableTerritory: 'Territoire',
    tableStatus: 'État',
    tableUpdated: 'Mise à jour',
    loading: 'Chargement…',
    signInNeeded: 'Connectez-vous avec un compte de curateur, d’administrateur ou de relais territorial pour gérer les ressources.',
    signIn: 'Se connecter',
    forbidden: 'Votre compte ne permet pas de gérer les ressources.',
    empty: 'Rien à afficher.',
  },
  edit: {
    newResourceTitle: 'Nouvelle ressource',
    newProtocolTitle: 'Nouveau protocole territorial',
    editResourceTitle: (t: string) => `Modifier la ressource « ${t} »`,
    editProtocolTitle: (t: string) => `Modifier le protocole « ${t} »`,
    back: 'Retour à la liste',
    required: '(obligatoire)',
    title: 'Titre',
    slug: 'Identifiant dans l’adresse',
    slugHint: 'Minuscules, chiffres et tirets ; laissé vide, il est tiré du titre.',
    type: 'Type de ressource',
    summary: 'Résumé',
    summaryHint: 'Ce que la ressource apporte, en langage simple. 5 000 caractères au plus.',
    publics: 'Publics',
    themes: 'Thèmes',
    scope: 'Territoire',
    regions: 'Régions (codes INSEE séparés par des virgules)',
    regionsHint: 'Par exemple : 44 pour le Grand Est',
    departements: 'Départements (codes séparés par des virgules)',
    departementsHint: 'Par exemple : 57, 54',
    date: 'Date de publication, de signature ou d’adoption',
    reference: 'Référence officielle',
    referenceHint: 'Numéro de loi, article de code…',
    url: 'Lien vers la ressource (https)',
    urlHint: 'Une ressource a un lien ou un fichier déposé, pas les deux.',
    producers: 'Acteurs producteurs (identifiants séparés par des virgules)',
    producersHint: 'Par exemple : ase-moselle, cour-appel-metz',
    sourceUrl: 'Page où les informations ont été vérifiées',
    kind: 'Type d’instance',
    protocolDepartements: 'Départements concernés (codes séparés par des virgules)',
    frequency: 'Fréquence des réunions',
    frequencyNone: 'Non précisée',
    parent: 'Créé par (identifiant de la convention)',
    members: 'Membres',
    memberActor: 'Acteur (identifiant)',
    memberRole: 'Rôle',
    memberNote: 'Précision publique',
    addMember: 'Ajouter un membre',
    removeMember: (n: number) => `Retirer le membre ${n}`,
    meetings: 'Réunions',
    meetingDate: 'Date',
    meetingSummary: 'Compte rendu public (jamais de situation nominative)',
    addMeeting: 'Ajouter une réunion',
    removeMeeting: (n: number) => `Retirer la réunion ${n}`,
    linkedResources: 'Ressources liées (identifiants séparés par des virgules)',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    saved: 'Modifications enregistrées.',
    created: 'Créé. Vous pouvez maintenant déposer un fichier.',
    archive: 'Archiver (retirer des pages publiques)',
    restore: 'Remettre en ligne',
    archived: 'Archivée : elle n’apparaît plus sur les pages publiques.',
    fileHeading: 'Fichier',
    fileNone: 'Aucun fichier déposé.',
    fileCurrent: (name: string) => `Fichier actuel : ${name}`,
    fileLabel: 'Choisir un fichier',
    fileHint: 'PDF, images PNG, JPEG ou WebP, documents docx, xlsx, pptx ou odt ; 10 Mo au plus.',
    fileSaveFirst: 'Enregistrez d’abord la ressource pour pouvoir y déposer un fichier.',
    fileHasLink: 'Cette ressource a un lien : retirez-le pour déposer un fichier.',
    upload: 'Déposer le fichier',
    uploading: 'Envoi…',
    uploaded: 'Fichier déposé.',
    removeFile: 'Retirer le fichier',
    fileRemoved: 'Fichier retiré.',
    tooLarge: 'Ce fichier dépasse 10 Mo.',
    history: 'Historique des modifications',
    historyNone: 'Aucune modification enregistrée.',
    historyItem: (action: string, date: string, author: string | null) => `${action} le ${date}${author ? ` par ${author}` : ''}`,
    actions: {
      create: 'Création',
      update: 'Modification',
      archive: 'Archivage',
      restore: 'Remise en ligne',
      revert: 'Retour arrière',
      import: 'Import',
      verify: 'Vérification',
    } as Record<string, string>,
    readOnly: 'Cette fiche ne relève pas de vos départements : vous pouvez la consulter, pas la modifier.',
    errorsHeading: 'Corrigez les champs suivants :',
  },
};

export type FrResources = typeof frResources;
