/**
 * The texts of the letter's pages, in French: subscribing (/lettre), confirming and
 * unsubscribing by the mailed links, and the back office (/admin/lettre). Same rules as fr.ts.
 */

const nf = new Intl.NumberFormat('fr-FR');
const plural = (n: number, one: string, many: string) => (n <= 1 ? one : many);

export const frNewsletter = {
  footerLink: 'La lettre du réseau',
  subscribe: {
    title: 'S’abonner à la lettre du réseau',
    heading: 'La lettre du réseau PARÉ',
    intro:
      'Quatre fois par an, l’agenda, les actualités et les nouvelles ressources du réseau des acteurs qui protègent les mineurs de la prostitution.',
    email: 'Votre adresse e-mail',
    emailHint: 'Nous n’utilisons cette adresse que pour la lettre. Vous pourrez vous désinscrire en un clic depuis chaque lettre.',
    departementsLegend: 'Éditions départementales (facultatif)',
    departementsHint: 'Vous recevez la lettre nationale. Cochez des départements pour recevoir aussi leurs éditions, quand il y en a.',
    departementsLoading: 'Chargement des départements…',
    chosen: (n: number) =>
      n === 0 ? 'Aucun département choisi' : `${nf.format(n)} ${plural(n, 'département choisi', 'départements choisis')}`,
    honeypot: 'Ne remplissez pas ce champ',
    submit: 'M’abonner',
    sending: 'Envoi…',
    missing: 'Indiquez votre adresse e-mail.',
    doneHeading: 'Vérifiez votre boîte aux lettres',
    privacy:
      'Sans confirmation dans les 7 jours, votre adresse est effacée. Aucune mesure d’ouverture ni de clic : la lettre ne contient aucun traceur.',
    rateLimited: 'Trop de demandes depuis votre connexion : réessayez dans quelques minutes.',
    failed: 'La demande n’a pas pu être envoyée. Réessayez dans un instant.',
  },
  confirm: {
    title: 'Confirmer mon abonnement',
    heading: 'Confirmer votre abonnement à la lettre',
    intro: 'Un clic suffit pour recevoir la lettre du réseau PARÉ.',
    button: 'Confirmer mon abonnement',
    sending: 'Confirmation…',
    doneHeading: 'Abonnement confirmé',
    unknownHeading: 'Ce lien est inconnu ou a expiré',
    unknownText:
      'Un lien de confirmation ne sert que 7 jours et une seule fois. Vous pouvez refaire la demande : vous recevrez un nouveau lien.',
    again: 'Refaire la demande',
  },
  unsubscribe: {
    title: 'Se désinscrire de la lettre',
    heading: 'Se désinscrire de la lettre du réseau',
    intro: 'Vous ne recevrez plus la lettre, et votre adresse sera effacée.',
    button: 'Me désinscrire',
    sending: 'Désinscription…',
    doneHeading: 'Vous êtes désinscrit·e',
    unknownHeading: 'Ce lien est incomplet',
    unknownText: 'Le lien a peut-être été coupé dans le courriel. Utilisez le lien « Se désinscrire en un clic » en bas de la lettre.',
  },
  admin: {
    nav: 'Lettre du réseau',
    title: 'Lettre du réseau',
    heading: 'Lettre du réseau',
    intro:
      'Composez une lettre à partir d’une période : l’agenda, les actualités et les nouvelles ressources de la période sont présélectionnés ; retirez-en, changez l’ordre, ajoutez une introduction, regardez l’aperçu, envoyez-vous un test, puis envoyez.',
    subscribersLink: 'Abonnés',
    newHeading: 'Nouvelle lettre',
    titleLabel: 'Titre',
    titleHint: 'Par exemple « Lettre du printemps 2027 ».',
    from: 'Début de la période',
    to: 'Fin de la période',
    departement: 'Édition départementale (facultatif)',
    departementHint: 'Code du département (57, 2A, 971…). Vide : la lettre nationale.',
    create: 'Composer',
    creating: 'Préparation…',
    listHeading: 'Lettres',
    empty: 'Aucune lettre pour l’instant.',
    columns: { title: 'Titre', edition: 'Édition', period: 'Période', status: 'État', queued: 'Lettres envoyées' },
    national: 'Nationale',
    status: { draft: 'Brouillon', sending: 'Envoi en cours', sent: 'Envoyée' } as Record<string, string>,
    period: (from: string, to: string) => `du ${from} au ${to}`,
  },
  issue: {
    back: 'Toutes les lettres',
    loading: 'Chargement de la lettre…',
    title: (t: string) => `Lettre : ${t}`,
    edition: (label: string, period: string) => `${label} · ${period}`,
    titleLabel: 'Titre',
    introLabel: 'Introduction',
    introHint: 'En Markdown : **gras**, *italique*, listes avec « - », liens [texte](https://…). Le HTML n’est pas repris.',
    itemsHeading: 'Éléments de la lettre',
    itemsHint: 'Cochez ce que la lettre reprend ; les flèches changent l’ordre dans chaque partie (Agenda, Actualités, Ressources).',
    noCandidates: 'La période ne contient ni événement, ni actualité, ni nouvelle ressource.',
    kinds: { event: 'Agenda', news: 'Actualités', resource: 'Ressources' } as Record<string, string>,
    include: (t: string) => `Reprendre « ${t} »`,
    up: (t: string) => `Monter « ${t} »`,
    down: (t: string) => `Descendre « ${t} »`,
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    saved: 'Enregistré.',
    previewHeading: 'Aperçu',
    previewFrame: 'Aperçu de la lettre',
    previewText: 'Version texte',
    previewLoading: 'Préparation de l’aperçu…',
    test: 'M’envoyer un test',
    testing: 'Envoi du test…',
    tested: (to: string) => `Un test part à ${to}.`,
    sendHeading: 'Envoyer',
    recipients: (n: number) =>
      n === 0
        ? 'Aucun abonné confirmé ne recevrait cette édition.'
        : `${nf.format(n)} ${plural(n, 'abonné confirmé la recevra', 'abonnés confirmés la recevront')}.`,
    send: 'Envoyer la lettre',
    sendingNow: 'Envoi…',
    confirmSend: 'Envoyer cette lettre à tous ses abonnés ? Elle ne pourra plus être modifiée.',
    resume: 'Reprendre l’envoi',
    sent: (n: number, at: string) => `Envoyée le ${at} : ${nf.format(n)} ${plural(n, 'lettre', 'lettres')} dans la file d’envoi.`,
    sending: (queued: number, pending: number) =>
      `Envoi en cours : ${nf.format(queued)} dans la file d’envoi, ${nf.format(pending)} à venir.`,
    deleteDraft: 'Supprimer ce brouillon',
    unsaved: 'Enregistrez vos changements avant l’aperçu, le test ou l’envoi.',
  },
  subscribers: {
    title: 'Abonnés à la lettre',
    heading: 'Abonnés à la lettre',
    counts: (confirmed: number, pending: number) =>
      `${nf.format(confirmed)} ${plural(confirmed, 'abonné confirmé', 'abonnés confirmés')}, ${nf.format(pending)} en attente de confirmation (effacés après 7 jours).`,
    export: 'Exporter (CSV)',
    empty: 'Aucun abonné pour l’instant.',
    columns: { email: 'Adresse', departements: 'Départements', status: 'État', since: 'Inscrit le', actions: 'Actions' },
    confirmed: 'Confirmé',
    pending: 'En attente',
    none: 'Lettre nationale seulement',
    delete: (email: string) => `Supprimer ${email}`,
    deleteLabel: 'Supprimer',
    confirmDelete: (email: string) => `Supprimer l’abonné ${email} ? Il ne recevra plus rien.`,
  },
};
