/** The texts of « Suivre ma demande » (`/suivre-ma-demande`), in French. Same rules as fr.ts. */
export const frRequestStatus = {
  title: 'Suivre ma demande',
  heading: 'Où en est ma demande ?',
  intro:
    'Indiquez la référence reçue après votre demande de mise en relation et l’adresse e-mail ou le téléphone que vous aviez donné. Seul l’état de la demande s’affiche, jamais son contenu.',
  reference: 'Référence de la demande',
  referenceHint: 'Par exemple : PARE-1A2B3C4D',
  contact: 'Adresse e-mail ou téléphone donné avec la demande',
  contactHint: 'Le même que dans votre demande, par exemple : 06 12 34 56 78',
  submit: 'Voir l’état de ma demande',
  sending: 'Recherche…',
  missing: 'Indiquez la référence et l’adresse e-mail ou le téléphone.',
  notFound:
    'Aucune demande ne correspond à cette référence et à ce contact. Vérifiez la référence et le contact donné ; une demande close depuis longtemps a pu être supprimée.',
  rateLimited: 'Trop d’essais depuis votre connexion. Réessayez dans quelques minutes.',
  invalid: 'La référence ou le contact n’est pas valide.',
  network: 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.',
  failed: 'La recherche n’a pas abouti. Réessayez plus tard.',
  resultHeading: (reference: string) => `Demande ${reference}`,
  updatedOn: (date: string) => `Dernière mise à jour le ${date}`,
  emergency: 'En cas de danger, n’attendez pas : appelez le 17, le 112 ou le 119 (SMS au 114).',
} as const;
