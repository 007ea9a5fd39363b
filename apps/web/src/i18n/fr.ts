/**
 * Every text the web client shows, in French. Code-list labels (publics, actions, types,
 * territory scopes) come from @pare/schema so the API, exports and UI say the same words.
 * A translation is another file with the same shape (`typeof fr`).
 */
import { nf, plural } from './fr-grammar.ts';

export const fr = {
  app: {
    name: 'PARÉ',
    tagline: 'Annuaire des acteurs qui protègent les mineurs de la prostitution',
    titleSuffix: 'PARÉ',
    skipLink: 'Aller au contenu',
    footerAbout:
      'PARÉ est le réseau national des acteurs de la prévention et de l’accompagnement des mineurs en situation ou en risque de prostitution, animé par la Fondation Droit d’Enfance pour la DGCS.',
    footerPrivacy: 'Ce site ne dépose aucun cookie, ne mesure pas votre visite et ne garde pas vos recherches.',
    loading: 'Chargement…',
    /** A page whose code could not load or that failed to show (app.tsx `PageFailed`). */
    pageFailed: {
      title: 'Cette page n’a pas pu s’afficher',
      body: 'Le site a peut-être été mis à jour pendant votre visite. Rechargez la page pour retrouver sa dernière version.',
      reload: 'Recharger la page',
      home: 'Revenir à la recherche',
    },
    navLabel: 'Menu principal',
    nav: {
      search: 'Trouver un acteur',
      orientation: 'Être orienté',
      resources: 'Ressources',
      departements: 'Départements',
    },
    footerNavLabel: 'Liens utiles',
    loggedOut: 'Vous êtes déconnecté·e.',
    footerLinks: {
      askAccount: 'Demander un compte professionnel',
      referencing: 'Référencer ma structure',
      curators: 'Espace curateurs',
      apiDocs: 'API et données ouvertes',
    },
  },

  emergency: {
    label: 'Numéros d’urgence',
    intro: 'En danger immédiat :',
    call: 'appelez le',
    or: 'ou le',
    sms: 'SMS au',
    child: 'Enfant en danger :',
    childDetail: 'gratuit, 24 h/24',
    /** Accessible names of the links, spoken in full. */
    call17: 'Appeler le 17, police secours',
    call112: 'Appeler le 112, numéro d’urgence européen',
    sms114: 'Envoyer un SMS au 114, urgence pour les personnes sourdes ou qui ne peuvent pas parler',
    call119: 'Appeler le 119, Allô enfance en danger, gratuit, 24 heures sur 24',
  },

  quickExit: {
    button: 'Quitter rapidement',
    hint: 'Quitte ce site immédiatement (ou appuyez deux fois sur Échap).',
  },

  search: {
    pageTitle: 'Trouver un acteur',
    pageTitleNear: (place: string) => `Acteurs près de ${place}`,
    heading: 'Trouver un acteur près de chez vous',
    intro: 'Cherchez par commune, code postal ou département, puis affinez par public, action ou type de structure.',
    formLabel: 'Rechercher un acteur',
    placeLabel: 'Commune, code postal ou département',
    placeHint: 'Par exemple : Thionville, 57100 ou Moselle',
    placeLoading: 'Recherche des lieux…',
    placeNoResult: 'Aucun lieu trouvé',
    placeUnavailable: 'La recherche de lieux est indisponible : saisissez un code postal (5 chiffres) ou un numéro de département.',
    placeCount: (n: number) =>
      n === 0 ? 'Aucun lieu trouvé' : `${n} ${plural(n, 'lieu proposé', 'lieux proposés')}, utilisez les flèches haut et bas pour choisir`,
    placePickOne: 'Choisissez un lieu dans la liste proposée, ou saisissez un code postal ou un numéro de département.',
    placeKind: { commune: 'Commune', postcode: 'Code postal', departement: 'Département', region: 'Région' },
    aroundMe: 'Autour de moi',
    aroundMeBusy: 'Localisation…',
    aroundMeLabel: 'Autour de ma position',
    /** The same place inside a sentence (« Près de votre position »). */
    aroundMePhrase: 'votre position',
    geoUnsupported: 'Votre navigateur ne permet pas de vous localiser.',
    geoDenied: 'Vous n’avez pas autorisé la localisation. Saisissez plutôt une commune.',
    geoFailed: 'Votre position n’a pas pu être déterminée. Saisissez plutôt une commune.',
    radiusLabel: 'Rayon',
    radiusOption: (km: number) => `${km} km`,
    radiusDisabled: 'Choisissez d’abord une commune, un code postal ou votre position',
    textLabel: 'Mots-clés (facultatif)',
    textHint: 'Nom de structure, thème…',
    submit: 'Rechercher',
    /** On a phone, a search made (or opened from a link) folds into one line above its results. */
    summaryLabel: 'Votre recherche',
    summaryText: (q: string) => `« ${q} »`,
    editSearch: 'Modifier',
    editSearchLabel: 'Modifier la recherche',
    sortLabel: 'Trier par',
    sort: {
      relevance: 'Pertinence',
      distance: 'Distance',
      name: 'Nom',
      updated: 'Mise à jour la plus récente',
    },
    filtersHeading: 'Filtres',
    filtersToggle: (n: number) => (n > 0 ? `Filtres (${n} ${plural(n, 'actif', 'actifs')})` : 'Filtres'),
    filterPublics: 'Public',
    filterActions: 'Action',
    filterTypes: 'Type de structure',
    filterHours: 'Horaires',
    openNow: 'Ouvert maintenant',
    facetOption: (label: string, count: number) => `${label} (${nf.format(count)})`,
    clearFilters: 'Retirer tous les filtres',
    resultsHeading: 'Résultats',
    resultsCount: (n: number) => (n === 0 ? 'Aucun acteur trouvé' : `${nf.format(n)} ${plural(n, 'acteur trouvé', 'acteurs trouvés')}`),
    resultsCountPlace: (n: number, place: string) =>
      n === 0 ? `Aucun acteur trouvé pour ${place}` : `${nf.format(n)} ${plural(n, 'acteur trouvé', 'acteurs trouvés')} pour ${place}`,
    loading: 'Chargement des résultats…',
    updating: 'Mise à jour des résultats…',
    localHeading: (place: string | null) =>
      place ? `Près de ${place} et sur ce territoire` : 'Acteurs locaux, départementaux et régionaux',
    /** A search by département (« Moselle (57) »): its own actors and those of its région. */
    departementHeading: (place: string) => `Dans le département et sa région : ${place}`,
    nationalHeading: 'Partout en France',
    nationalIntro: 'Lignes d’écoute et associations nationales, joignables où que vous soyez.',
    emptyTitle: 'Aucun acteur ne correspond à cette recherche.',
    emptyTips: [
      'Élargissez le rayon ou choisissez le département.',
      'Retirez un ou plusieurs filtres.',
      'Vérifiez l’orthographe des mots-clés.',
    ],
    emptyEmergency: 'En cas de danger, les numéros d’urgence en haut de la page sont joignables partout, à toute heure.',
    nothingLocal: {
      title: (place: string, km: number) => `Aucune structure n’a de lieu d’accueil à moins de ${km} km de ${place}.`,
      text: 'Vous pouvez quand même être aidé : élargissez la recherche, contactez la cellule de votre département ou une ligne nationale.',
      widen: (km: number) => `Élargir la recherche à ${km} km`,
      crip: (name: string) => name,
      departement: (code: string) => `Les contacts du département ${code}, dont sa cellule de recueil (CRIP)`,
      cripHint: 'reçoit les informations préoccupantes sur un mineur en danger ou en risque de l’être',
      nationalBelow: 'Les lignes nationales, listées plus bas',
      nationalLink: 'Les lignes d’écoute et numéros nationaux',
      nationalHint: 'joignables où que vous soyez, souvent gratuitement',
      mapNote: 'Aucun lieu d’accueil dans ce rayon : la carte est vide. Voir les autres solutions dans la liste.',
    },
    errorTitle: 'La recherche n’a pas abouti.',
    retry: 'Réessayer',
    resetSearch: 'Nouvelle recherche',
    viewToggleLabel: 'Affichage des résultats',
    viewList: 'Liste',
    viewMap: 'Carte',
    selectedOnMap: 'Acteur choisi sur la carte',
  },

  result: {
    distance: (km: number) =>
      km < 1 ? 'à moins de 1 km' : `à ${km.toLocaleString('fr-FR', { maximumFractionDigits: km < 10 ? 1 : 0 })} km`,
    publics: 'Publics',
    actions: 'Actions',
    confidential: 'adresse confidentielle',
    match: {
      proximite: 'À proximité',
      territoire: 'Intervient sur ce territoire',
      national: 'Partout en France',
    },
    nationalReach: 'Partout en France',
    call: (phone: string) => `Appeler le ${phone}`,
    callLabel: (phone: string, name: string) => `Appeler le ${phone} (${name})`,
    moreSites: (n: number) => ` et ${n} ${plural(n, 'autre lieu', 'autres lieux')}`,
  },

  pagination: {
    label: 'Pages de résultats',
    previous: 'Page précédente',
    next: 'Page suivante',
    status: (page: number, pages: number) => `Page ${page} sur ${pages}`,
  },

  map: {
    regionLabel: 'Carte des résultats. La liste des résultats présente les mêmes acteurs et reste la manière accessible de les parcourir.',
    loading: 'Chargement de la carte…',
    failed: 'La carte n’a pas pu s’afficher. La liste des résultats reste disponible.',
    legendHeading: 'Légende de la carte',
    legendSite: 'Lieu d’accueil',
    legendCluster: 'Plusieurs lieux (zoomez pour les séparer)',
    legendConfidential: 'Adresse confidentielle : seule la commune est indiquée',
    legendSelected: 'Acteur sélectionné',
    confidentialLabel: 'adresse confidentielle',
    popupLink: 'Voir la fiche',
    popupLinkLabel: (name: string) => `Voir la fiche de ${name}`,
    /** Accessible names of the keyboard stops over the markers. */
    pinButton: (name: string, distance: string | null, confidential: boolean) =>
      [name, distance, confidential ? 'adresse confidentielle' : null].filter(Boolean).join(', '),
    clusterButton: (n: number) => `${n} lieux regroupés : zoomer pour les séparer`,
    nationalNote: 'Les acteurs nationaux ne figurent pas sur la carte.',
    /** Under the search map: how many of the results it shows (every result, not only the list's page). */
    onMap: (n: number, total: number) =>
      n === total
        ? `Tous les résultats sont sur la carte (${nf.format(n)} ${plural(n, 'acteur', 'acteurs')}).`
        : `${nf.format(n)} des ${nf.format(total)} acteurs trouvés sont sur la carte\u00a0; les autres agissent partout en France ou n’ont pas de lieu.`,
    jumpLabel: 'Aller à',
    areas: {
      metropole: 'Métropole',
      guadeloupe: 'Guadeloupe',
      martinique: 'Martinique',
      guyane: 'Guyane',
      reunion: 'La Réunion',
      mayotte: 'Mayotte',
    },
    /** MapLibre's own control labels. */
    controls: {
      'AttributionControl.ToggleAttribution': 'Afficher ou masquer les crédits de la carte',
      'AttributionControl.MapFeedback': 'Signaler une erreur de carte',
      'Map.Title': 'Carte interactive des résultats (la liste présente les mêmes acteurs)',
      'Marker.Title': 'Repère',
      'NavigationControl.ResetBearing': 'Réorienter la carte vers le nord',
      'NavigationControl.ZoomIn': 'Zoomer',
      'NavigationControl.ZoomOut': 'Dézoomer',
      'Popup.Close': 'Fermer',
      'ScaleControl.Meters': 'm',
      'ScaleControl.Kilometers': 'km',
      'CooperativeGesturesHandler.WindowsHelpText': 'Utilisez Ctrl + molette pour zoomer la carte',
      'CooperativeGesturesHandler.MacHelpText': 'Utilisez ⌘ + molette pour zoomer la carte',
      'CooperativeGesturesHandler.MobileHelpText': 'Utilisez deux doigts pour déplacer la carte',
    } as Record<string, string>,
  },

  actor: {
    backToResults: 'Retour aux résultats',
    backToSearch: 'Chercher un acteur',
    loading: 'Chargement de la fiche…',
    notFoundTitle: 'Acteur introuvable',
    errorTitle: 'La fiche n’a pas pu être chargée.',
    type: 'Type de structure',
    description: 'Présentation',
    publics: 'Publics accueillis',
    actions: 'Actions',
    territory: 'Territoire couvert',
    territoryNational: 'Toute la France (y compris les outre-mer)',
    sites: 'Lieux',
    noSite: 'Pas de lieu d’accueil public : contactez la structure par les moyens indiqués dans « Contacts ».',
    directions: 'Itinéraire',
    directionsLabel: (address: string) => `Itinéraire vers ${address} (ouvre votre application de cartes)`,
    share: {
      heading: 'Partager ou imprimer cette fiche',
      copy: 'Copier le lien',
      copied: 'Lien copié.',
      copyFailed: (url: string) => `Copiez ce lien : ${url}`,
      sms: 'Envoyer par SMS',
      print: 'Imprimer',
    },
    siteConfidentialText:
      'Pour la sécurité des personnes accueillies, l’adresse de ce lieu n’est pas publiée. Seule la commune est indiquée. Pour joindre ce lieu, faites une demande de mise en relation.',
    openingHours: 'Horaires',
    weekCaption: 'Horaires des 7 prochains jours',
    lineHours: 'Horaires de la ligne',
    accessibility: 'Accessibilité',
    contacts: 'Contacts',
    noContact: 'Aucun contact public. Faites une demande de mise en relation : l’équipe PARÉ vous orientera.',
    contactKind: { phone: 'Téléphone', sms: 'SMS', email: 'Courriel', website: 'Site web', chat: 'Discussion en ligne' },
    professionalOnly: 'réservé aux professionnels',
    languages: 'Langues parlées',
    provenance: 'Source de ces informations',
    verifiedOn: (date: string) => `Vérifié le ${date}`,
    verifiedBy: (who: string) => `par ${who}`,
    notVerified: 'Date de vérification inconnue',
    source: 'source :',
    updatedOn: (date: string) => `Fiche mise à jour le ${date}`,
    requestContact: 'Demander à être mis en relation',
    requestContactHint: 'Vous serez recontacté sans avoir à donner plus que le nécessaire.',
    reportError: 'Signaler une erreur sur cette fiche',
    onPhone: (value: string) => `Appeler le ${value}`,
    bySms: (value: string) => `Envoyer un SMS au ${value}`,
    byEmail: (value: string) => `Écrire à ${value}`,
  },

  placeholder: {
    orientationTitle: 'Demander à être mis en relation',
    reportTitle: 'Signaler une erreur',
    soon: 'Ce formulaire sera bientôt disponible.',
    meanwhile: 'En attendant, utilisez les contacts publics de la fiche, ou en cas de danger les numéros d’urgence en haut de la page.',
    back: 'Revenir à la fiche',
  },

  notFound: {
    title: 'Page introuvable',
    text: 'Cette page n’existe pas.',
    home: 'Chercher un acteur',
  },

  errors: {
    network: 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.',
    invalidResponse: 'Le service a renvoyé une réponse inattendue. Réessayez plus tard.',
    generic: 'Une erreur est survenue. Réessayez plus tard.',
    issuesHeading: 'Détail :',
    reference: (id: string) => `Référence de l’erreur : ${id}`,
  },
} as const;

export type Messages = typeof fr;
