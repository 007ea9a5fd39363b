/**
 * Every text of accounts in the web: the header's « Mon compte · Se déconnecter », the « Mon compte »
 * page, the « choisir un mot de passe » page, the professionals' account request, and the back
 * office's « Comptes » page. Zod-free, so the header costs the public pages nothing.
 */
import type { Role } from '@pare/schema';
import { plural } from './fr-grammar.ts';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });

export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrateur',
  curateur: 'Curateur',
  relais: 'Relais territorial',
  'professionnel-verifie': 'Professionnel vérifié',
};

export const frAccount = {
  formatDate: (iso: string) => dateTime.format(new Date(iso)),

  header: {
    label: 'Votre compte',
    who: (name: string, role: string) => `${name} (${role})`,
    account: 'Mon compte',
    logout: 'Se déconnecter',
    loggingOut: 'Déconnexion…',
    loggedOut: 'Vous êtes déconnecté·e.',
  },

  page: {
    title: 'Mon compte',
    heading: 'Mon compte',
    signInRequired: 'Connectez-vous pour voir votre compte.',
    signIn: 'Se connecter',
    identity: 'Qui je suis',
    name: 'Nom',
    email: 'Adresse e-mail',
    role: 'Rôle',
    departements: 'Départements',
    noName: '(aucun nom)',
    proSpaceHeading: 'Votre espace professionnel',
    proSpace:
      'Connecté·e, vous voyez dans l’annuaire les contacts réservés aux professionnels (numéros directs, adresses de service), marqués « réservé aux professionnels ». Ne les transmettez pas au public.',
    proConfidential:
      'Les adresses des lieux confidentiels (hébergements) ne sont jamais affichées, même aux professionnels : pour les joindre, écrivez à l’équipe PARÉ.',
    goToDirectory: 'Chercher dans l’annuaire',
    goToOrientation: 'Orienter une personne',
    goToAdmin: 'Aller à l’espace des curateurs',
    sessionsHeading: 'Mes sessions ouvertes',
    sessionsIntro: 'Chaque navigateur où vous êtes connecté·e. Fermez celles que vous ne reconnaissez pas.',
    device: 'Navigateur',
    created: 'Ouverte le',
    lastSeen: 'Dernière activité',
    actions: 'Action',
    thisOne: 'Cette session (ce navigateur)',
    unknownDevice: 'Navigateur inconnu',
    revoke: 'Fermer',
    revokeLabel: (device: string, date: string) => `Fermer la session ${device} ouverte le ${date}`,
    revokeOthers: 'Déconnecter mes autres sessions',
    revokedOthers: (n: number) =>
      n === 0 ? 'Aucune autre session n’était ouverte.' : `${n} ${plural(n, 'autre session fermée', 'autres sessions fermées')}.`,
    revoked: 'Session fermée.',
    logout: 'Se déconnecter',
  },

  password: {
    title: 'Choisir un mot de passe',
    heading: 'Choisir votre mot de passe',
    intro: (email: string) => `Pour le compte ${email}. Ce lien ne sert qu’une fois.`,
    password: 'Nouveau mot de passe',
    passwordHint: '12 caractères au moins. Une phrase de plusieurs mots est plus sûre et plus facile à retenir.',
    confirm: 'Le même mot de passe, une seconde fois',
    mismatch: 'Les deux mots de passe ne sont pas identiques',
    submit: 'Enregistrer mon mot de passe',
    busy: 'Enregistrement…',
    done: 'Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter.',
    signIn: 'Se connecter',
    unknown: 'Ce lien est inconnu, a expiré ou a déjà servi. Demandez un nouveau lien à l’équipe PARÉ.',
  },

  request: {
    title: 'Demander un compte professionnel',
    heading: 'Demander un compte professionnel',
    intro: [
      'Les professionnels qui accompagnent des mineurs (protection de l’enfance, éducation nationale, santé, police et gendarmerie, justice, associations) peuvent demander un compte.',
      'Un compte vérifié montre dans l’annuaire les contacts réservés aux professionnels : lignes directes, adresses de service. Les adresses des lieux confidentiels restent protégées : l’équipe PARÉ les transmet au cas par cas.',
      'L’équipe PARÉ vérifie chaque demande auprès de la structure indiquée. Utilisez votre adresse e-mail professionnelle : une adresse personnelle retarde la vérification.',
    ],
    name: 'Vos nom et prénom',
    organisation: 'Votre structure',
    organisationHint: 'Par exemple : Conseil départemental de la Moselle – ASE, Collège Jean-Moulin, Brigade de protection des familles…',
    function: 'Votre fonction',
    functionHint: 'Par exemple : éducatrice spécialisée, infirmier scolaire, enquêtrice…',
    email: 'Votre adresse e-mail professionnelle',
    departements: 'Département(s) où vous intervenez',
    message: 'Message (facultatif)',
    messageHint: 'Ce qui peut aider l’équipe à vérifier votre demande. N’écrivez rien sur une personne accompagnée.',
    submit: 'Envoyer ma demande',
    busy: 'Envoi…',
    issues: 'Votre demande n’est pas partie. À corriger :',
    done: 'Votre demande est enregistrée. Un accusé de réception part à votre adresse ; vous recevrez un lien pour choisir votre mot de passe si elle est acceptée.',
    already: 'Vous avez déjà un compte ?',
    loginPrompt: 'Professionnel sans compte ?',
    signIn: 'Se connecter',
  },

  picker: {
    label: 'Ajouter un département',
    hint: 'Tapez le nom ou le numéro d’un département, ou une commune : son département est ajouté.',
    chosen: 'Départements choisis',
    none: 'Aucun département choisi.',
    remove: (name: string) => `Retirer ${name}`,
  },

  admin: {
    title: 'Comptes',
    heading: 'Comptes',
    nav: 'Comptes',
    adminOnly: 'Seuls les administrateurs gèrent les comptes.',
    requestsHeading: 'Demandes de compte professionnel',
    requestsNone: 'Aucune demande en attente.',
    requestFrom: (name: string, org: string) => `${name} — ${org}`,
    requestFunction: 'Fonction',
    requestEmail: 'E-mail',
    requestDepartements: 'Départements',
    requestMessage: 'Message',
    requestDate: 'Reçue le',
    createFromRequest: 'Créer le compte',
    refuse: 'Refuser',
    refuseConfirm: 'Refuser cette demande ? La personne en sera prévenue par courriel.',
    refused: 'Demande refusée ; la personne est prévenue.',
    handled: 'Demandes traitées',
    statuses: { nouvelle: 'À traiter', acceptee: 'Compte créé', refusee: 'Refusée' } as Record<string, string>,
    createHeading: 'Créer un compte',
    createIntro:
      'La personne reçoit par courriel un lien pour choisir son mot de passe (valable 7 jours, une seule fois). Vous ne choisissez jamais son mot de passe.',
    fromRequest: (name: string) => `Création du compte demandé par ${name}.`,
    email: 'Adresse e-mail',
    displayName: 'Nom affiché',
    displayNameHint: 'Le nom qui signe l’historique des fiches (pas une adresse e-mail).',
    role: 'Rôle',
    departements: 'Départements du relais',
    create: 'Créer le compte et envoyer le lien',
    creating: 'Création…',
    created: (email: string) => `Compte créé. Un lien pour choisir le mot de passe part à ${email}.`,
    listHeading: 'Tous les comptes',
    colAccount: 'Compte',
    colRole: 'Rôle',
    colState: 'État',
    colSessions: 'Sessions',
    colActions: 'Actions',
    active: 'Actif',
    disabled: 'Désactivé',
    pending: 'En attente du mot de passe',
    you: '(vous)',
    edit: 'Modifier',
    editOf: (email: string) => `Modifier ${email}`,
    editHeading: (email: string) => `Modifier le compte ${email}`,
    save: 'Enregistrer',
    close: 'Fermer',
    saved: 'Compte enregistré.',
    disable: 'Désactiver',
    enable: 'Réactiver',
    disabledDone: 'Compte désactivé ; ses sessions sont fermées.',
    enabledDone: 'Compte réactivé.',
    reset: 'Envoyer un lien de mot de passe',
    resetDone: (email: string) => `Un lien pour choisir un nouveau mot de passe part à ${email} (valable 24 heures).`,
    endSessions: 'Fermer ses sessions',
    endedSessions: (n: number) => `${n} ${plural(n, 'session fermée', 'sessions fermées')}.`,
    sessions: (n: number) => `${n} ${plural(n, 'ouverte', 'ouvertes')}`,
  },

  warning: {
    proOnConfidential:
      'Ce contact « réservé aux professionnels » est rattaché à un lieu confidentiel : il n’est montré à personne, pas même aux professionnels connectés. Pour qu’un professionnel le voie, rattachez-le à la structure (« aucun lieu ») plutôt qu’au lieu.',
  },
};
