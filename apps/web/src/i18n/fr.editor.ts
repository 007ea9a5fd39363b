/**
 * The texts of the entry editor's newer parts, in French: territory pickers (names, not INSEE
 * codes), the form's sections and save bar, the field labels of diffs, and the item-by-item
 * review of submissions. Same rules as fr.ts: one place for every text.
 */
import { plural } from './fr-grammar.ts';

export const frEditor = {
  /** Field labels that were code-oriented in the first form, and those the diff needs. */
  fields: {
    regions: 'Régions',
    departements: 'Départements',
    communes: 'Communes',
    languages: 'Langues (codes ISO, séparés par des virgules)',
    commune: 'Commune',
    lat: 'Latitude',
    lng: 'Longitude',
    confidential: 'Adresse confidentielle',
    territory: 'Territoire couvert',
    provenance: 'Provenance',
    sites: 'Lieux',
    contacts: 'Contacts',
    ofSite: (label: string, n: number) => `${label} — lieu ${n}`,
    ofContact: (label: string, n: number) => `${label} — contact ${n}`,
    site: (n: number) => `Lieu ${n}`,
    contact: (n: number) => `Contact ${n}`,
    siteNone: 'Aucun (toute la structure)',
    empty: '(vide)',
  },

  picker: {
    regionsHint: 'Tapez le nom d’une région, puis choisissez-la (par exemple Grand Est).',
    departementsHint: 'Tapez le nom ou le numéro d’un département, puis choisissez-le (par exemple Moselle ou 57).',
    communesHint: 'Tapez le nom ou le code postal d’une commune, puis choisissez-la (par exemple Thionville).',
    remove: (name: string) => `Retirer ${name}`,
    chosen: (label: string) => `${label} choisis`,
    none: 'Aucun pour l’instant.',
    count: (n: number) => (n === 0 ? 'Aucune suggestion.' : `${n} ${plural(n, 'suggestion', 'suggestions')}.`),
    added: (name: string) => `${name} ajouté.`,
    removedOne: (name: string) => `${name} retiré.`,
    loading: 'Recherche…',
    unknown: (code: string) => `Code inconnu : ${code}`,
  },

  form: {
    toc: 'Sur cette fiche',
    identity: 'Identité',
    audiences: 'Publics et actions',
    territory: 'Territoire',
    sites: 'Lieux',
    contacts: 'Contacts',
    provenance: 'Provenance',
    saveBar: 'Enregistrement de la fiche',
    unsaved: 'Modifications non enregistrées',
    upToDate: 'Aucune modification en attente',
    errors: (n: number) => `${n} ${plural(n, 'champ à corriger', 'champs à corriger')}`,
    created: (name: string) => `Fiche « ${name} » créée. Vous pouvez la compléter ci-dessous.`,
    savedAt: (time: string) => `Fiche enregistrée à ${time}.`,
  },

  map: {
    communes: 'Noms des communes proches',
  },

  review: {
    intro:
      'Chaque ligne est un élément proposé : acceptez-le ou refusez-le (par exemple garder le téléphone, pas l’e-mail). « Corriger » ouvre le champ de la fiche pour modifier la valeur avant de l’accepter.',
    decision: 'Décision',
    acceptItem: 'Accepter',
    refuseItem: 'Refuser',
    decisionFor: (label: string) => `Décision pour « ${label} »`,
    edit: (label: string) => `Corriger ${label}`,
    stopEdit: (label: string) => `Annuler la correction de ${label}`,
    editing: 'Valeur corrigée',
    corrected: 'corrigée',
    extraHeading: 'Compléter la fiche',
    extraIntro: 'Pour un champ absent de la proposition (par exemple les publics d’un nouvel acteur) : choisissez-le, puis remplissez-le.',
    extraField: 'Champ à compléter',
    extraChoose: 'Choisir un champ…',
    extraAdd: 'Ajouter ce champ',
    extraList: 'Champs complétés par vous',
    acceptAll: 'Tout accepter',
    refuseAll: 'Tout refuser',
    summary: (accepted: number, refused: number) =>
      `${accepted} ${plural(accepted, 'élément accepté', 'éléments acceptés')}, ${refused} ${plural(refused, 'refusé', 'refusés')}.`,
    confirmEmpty: (what: string) =>
      `Après cette acceptation, la fiche n’aura ${what}. Le public ne pourra pas la joindre ni la situer. Accepter quand même ?`,
    noContact: 'aucun contact',
    noSite: 'aucun lieu',
    noContactNorSite: 'ni contact ni lieu',
    acceptedFields: 'Éléments acceptés',
  },
};

export type FrEditor = typeof frEditor;
