/** The texts of the import's follow-through, the list's bulk verification and a relais's read-only entries, in French. */
import { nf, plural } from './fr-grammar.ts';

export const frCurationFollow = {
  relaisNew: (departements: string) =>
    `Vous pouvez créer les fiches des structures de vos départements (${departements}). Une structure nationale, régionale ou d’un autre département sera refusée à l’enregistrement : proposez-la plutôt à l’équipe PARÉ avec « Référencer une structure ».`,
  import: {
    template: 'Télécharger le modèle CSV (titres de colonnes en français)',
    templateHint:
      'Une ligne par structure. Les listes (publics, actions, départements, téléphones) se séparent par « | ». Les codes ou les libellés de l’annuaire sont acceptés (« Jeunes », « Écoute », « Association »).',
    created: (n: number) => `${plural(n, 'Fiche créée', 'Fiches créées')} (${nf.format(n)})`,
    updated: (n: number) => `${plural(n, 'Fiche mise à jour', 'Fiches mises à jour')} (${nf.format(n)})`,
    more: (n: number) => `… et ${nf.format(n)} de plus (liste complète : Fiches, filtrées par date de mise à jour).`,
    downloadRejected: 'Télécharger les lignes refusées (CSV)',
    downloadRejectedHint:
      'Les mêmes colonnes que votre fichier, plus une colonne « motif » qui dit pourquoi. Corrigez-les, puis importez ce fichier (la colonne « motif » est ignorée).',
    downloading: 'Préparation du fichier…',
    line: (row: number) => `ligne ${row}`,
  },
  bulk: {
    selectAll: 'Sélectionner toutes les fiches de la page',
    select: (name: string) => `Sélectionner « ${name} »`,
    selected: (n: number) =>
      n === 0 ? 'Aucune fiche sélectionnée' : `${nf.format(n)} ${plural(n, 'fiche sélectionnée', 'fiches sélectionnées')}`,
    verify: 'Marquer vérifiées aujourd’hui',
    verifying: 'Vérification…',
    done: (n: number) => `${nf.format(n)} ${plural(n, 'fiche marquée vérifiée', 'fiches marquées vérifiées')} aujourd’hui.`,
    refused: (n: number) => `${nf.format(n)} ${plural(n, 'fiche refusée', 'fiches refusées')} :`,
    confirm: (n: number) => `Marquer ${nf.format(n)} ${plural(n, 'fiche', 'fiches')} comme vérifiées aujourd’hui, en votre nom ?`,
  },
  covering: {
    heading: (n: number) => `Fiches régionales et nationales qui couvrent vos départements (${nf.format(n)})`,
    intro: 'Vous pouvez les lire, pas les modifier : seule l’équipe PARÉ les modifie. Signalez une correction depuis leur page.',
  },
  readOnly: {
    badge: 'Lecture seule',
    heading: 'Pourquoi vous ne pouvez pas la modifier',
    publicPage: 'Voir la fiche publique',
    report: 'Signaler une correction',
    refused: 'Cette fiche ne relève pas de vos départements : vous ne pouvez ni la lire ni la modifier ici.',
    backToList: 'Retour aux fiches',
    type: 'Type',
    territory: 'Territoire',
    publics: 'Publics',
    actions: 'Actions',
    contacts: 'Contacts',
    sites: 'Lieux',
    verified: 'Dernière vérification',
    professional: 'réservé aux professionnels',
    confidentialSite: (where: string) => `Lieu confidentiel (${where}) : adresse connue de l’équipe PARÉ seulement`,
    description: 'Description',
    national: 'National',
  },
} as const;
