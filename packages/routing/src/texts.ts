/**
 * Every French text the orientation shows, in one catalogue so a translation can be added. Sentences
 * are built here, not in the engine, because word order and agreement belong to the language.
 */
import {
  type Action,
  type ActorType,
  type Channel,
  type OrientationProfile,
  RECOMMENDATION_GROUP_LABELS,
  type Urgency,
} from '@pare/schema';

/** Where an actor stands relative to the person, as the engine found it. */
export type WhereFacts =
  | { kind: 'commune'; communeName?: string }
  | { kind: 'distance'; km: number; siteCommune?: string }
  | { kind: 'departement'; departementName?: string; km?: number; siteCommune?: string }
  | { kind: 'region'; regionName?: string }
  | { kind: 'national' };

export type ContactNote = 'confidential' | 'request-to-actor' | 'request-to-pare' | undefined;

export type ReasonFacts = {
  profile: OrientationProfile;
  type: ActorType;
  /** The action the reason names; undefined when the actor offers nothing the profile looks for. */
  action: Action | undefined;
  /** Other needs the person named that this actor also offers. */
  alsoOffers: readonly Action[];
  where: WhereFacts;
  /** The actor offers none of the needs and is shown because it listens and orients. */
  general: boolean;
  contactNote: ContactNote;
};

export type NoticeText = { title: string; text: string; reference?: { label: string; url: string } };

/** How a distance reads: "3,4 km" near, "27 km" farther (a decimal there would be false precision). */
function formatKm(km: number): string {
  const shown = km < 10 ? Math.round(km * 10) / 10 : Math.round(km);
  return String(shown).replace('.', ',');
}

function fromYou(profile: OrientationProfile): string {
  // A professional usually types the place of the situation, not their home.
  return profile === 'professionnel' ? 'du lieu indiqué' : 'de chez vous';
}

/** Articles change with the audience in French: "les jeunes", "des jeunes". */
const AUDIENCE: Record<OrientationProfile, { les: string; des: string }> = {
  jeune: { les: 'les jeunes', des: 'des jeunes' },
  famille: { les: 'les familles et les proches', des: 'des familles et des proches' },
  // A professional asks about a young person: actions are described from the young person's side.
  professionnel: { les: 'les jeunes', des: 'des jeunes' },
};

const ACTOR_NOUN: Record<ActorType, string> = {
  association: 'Association',
  'service-departemental': 'Service du département',
  'service-etat': 'Service de l’État',
  sante: 'Établissement de santé',
  'maison-ados': 'Maison des adolescents',
  'ligne-ecoute': 'Ligne d’écoute',
  'numero-urgence': 'Numéro d’urgence',
  reseau: 'Réseau',
  fondation: 'Fondation',
  'forces-ordre': 'Forces de l’ordre',
};

/** Types whose name is plural (« Forces de l’ordre »): their verbs agree. */
const PLURAL_NOUNS: ReadonlySet<ActorType> = new Set<ActorType>(['forces-ordre']);

function actionPhrase(action: Action, profile: OrientationProfile, type: ActorType): string {
  const a = AUDIENCE[profile];
  const plural = PLURAL_NOUNS.has(type);
  const qui = (singular: string, pluralForm: string) => `qui ${plural ? pluralForm : singular}`;
  switch (action) {
    case 'prevention':
      return `${qui('fait', 'font')} de la prévention auprès ${a.des}`;
    case 'reperage':
      return `${qui('va', 'vont')} à la rencontre des jeunes là où ils se trouvent`;
    case 'ecoute':
      // "Ligne d'écoute qui écoute" would say the same thing twice.
      return type === 'ligne-ecoute'
        ? `pour ${profile === 'professionnel' ? 'les professionnels' : a.les}`
        : `${qui('écoute', 'écoutent')} ${profile === 'professionnel' ? 'les professionnels' : a.les}`;
    case 'accompagnement':
      return `${qui('accompagne', 'accompagnent')} ${a.les}`;
    case 'soin':
      return `${qui('soigne', 'soignent')} (santé, psychotraumatisme, addictions)`;
    case 'hebergement':
      return `${qui('peut', 'peuvent')} mettre à l’abri`;
    case 'juridique':
      return `${qui('aide', 'aident')} dans les démarches juridiques et judiciaires`;
    case 'soutien-familles':
      return `${qui('soutient', 'soutiennent')} les familles et les proches`;
    case 'formation':
      return `${qui('forme', 'forment')} les professionnels`;
    case 'signalement':
      return `${qui('recueille', 'recueillent')} les informations préoccupantes`;
    case 'coordination':
      return `${qui('coordonne', 'coordonnent')} les acteurs du territoire`;
  }
}

/** Short names of actions, for "Propose aussi : écoute, soin." */
const ACTION_SHORT: Record<Action, string> = {
  prevention: 'prévention',
  reperage: 'aller-vers',
  ecoute: 'écoute',
  accompagnement: 'accompagnement',
  soin: 'soins',
  hebergement: 'mise à l’abri',
  juridique: 'aide juridique',
  'soutien-familles': 'soutien aux familles',
  formation: 'formation',
  signalement: 'recueil des informations préoccupantes',
  coordination: 'coordination',
};

function wherePhrase(where: WhereFacts, profile: OrientationProfile): string {
  switch (where.kind) {
    case 'commune': {
      const commune = profile === 'professionnel' ? 'dans la commune indiquée' : 'dans votre commune';
      return where.communeName ? `, ${commune} (${where.communeName})` : `, ${commune}`;
    }
    case 'distance': {
      const distance = where.km < 1 ? `à moins d’1 km ${fromYou(profile)}` : `à ${formatKm(where.km)} km ${fromYou(profile)}`;
      return ` ${distance}${where.siteCommune ? ` (${where.siteCommune})` : ''}`;
    }
    case 'departement': {
      const name = where.departementName ? ` (${where.departementName})` : '';
      if (where.km === undefined) return `, dans votre département${name}`;
      return `, dans votre département, à ${formatKm(where.km)} km${where.siteCommune ? ` (${where.siteCommune})` : ''}`;
    }
    case 'region':
      return `, dans votre région${where.regionName ? ` (${where.regionName})` : ''}`;
    case 'national':
      return ', partout en France';
  }
}

const CONTACT_NOTE: Record<Exclude<ContactNote, undefined>, string> = {
  confidential: 'Son adresse reste confidentielle pour la sécurité des personnes accueillies : PARÉ vous met en relation.',
  'request-to-actor': 'Laissez une demande de contact : la structure vous recontactera.',
  'request-to-pare': 'Laissez une demande de contact : l’équipe PARÉ vous mettra en relation.',
};

export const orientationTexts = {
  profileLabels: {
    jeune: 'Je suis jeune',
    famille: 'Je suis un parent ou un proche',
    professionnel: 'Je suis un professionnel',
  } satisfies Record<OrientationProfile, string>,

  urgencyLabels: {
    'danger-immediat': 'Quelqu’un est en danger maintenant',
    inquietude: 'Je suis inquiet ou inquiète',
    information: 'Je cherche une information',
  } satisfies Record<Urgency, string>,

  /** The need `je-ne-sais-pas`; the other needs are actions, labelled by ACTION_LABELS in @pare/schema. */
  unknownNeedLabel: 'Je ne sais pas',

  /** The groups' headings are the results page's too: they live with the group codes. */
  groupLabels: RECOMMENDATION_GROUP_LABELS,

  channelLabels: {
    appeler: 'Appeler',
    ecrire: 'Écrire',
    'demande-de-contact': 'Demander à être contacté',
  } satisfies Record<Channel, string>,

  /** Reasons for the emergency numbers, known by their slug; the facts are the lines' own. */
  emergencyReasons: {
    'urgence-17': 'Police secours : appelez le 17 si vous ou un enfant êtes en danger maintenant. Gratuit, 24 h/24.',
    'urgence-112': 'Numéro d’urgence européen, depuis n’importe quel téléphone, partout dans l’Union européenne. Gratuit, 24 h/24.',
    'allo-enfance-en-danger-119':
      'Allô Enfance en Danger : des écoutants formés répondent pour tout enfant en danger ou en risque de l’être. Gratuit, 24 h/24, 7 j/7.',
    'samu-social-115':
      'Le 115 (Samu social) cherche un endroit sûr où dormir ce soir, gratuitement, 24 h/24. Dites que vous êtes mineur·e : le 119 peut aussi vous mettre à l’abri.',
    'urgence-114':
      'Si vous ne pouvez pas parler (vous êtes sourd ou malentendant, ou parler vous mettrait en danger), écrivez un SMS au 114. Gratuit, 24 h/24.',
  } as Readonly<Record<string, string>>,

  cripReason: (departementName: string | undefined) =>
    `Cellule de recueil des informations préoccupantes (CRIP) de votre département${departementName ? ` (${departementName})` : ''} : c’est à elle que vous transmettez une information préoccupante sur un mineur.`,

  shelterWith119:
    'Pour un·e mineur·e sans endroit sûr ce soir, le 119 (Allô Enfance en Danger) fait intervenir les services de protection de l’enfance, 24 h/24, gratuitement.',

  noCripReason:
    'Aucune cellule de recueil des informations préoccupantes (CRIP) n’est référencée pour votre département : le 119 reçoit votre information préoccupante et la transmet à la CRIP compétente.',

  /** The reason for any other actor, e.g. « Association qui accompagne les familles et les proches à 12 km de chez vous (Metz). » */
  reason(facts: ReasonFacts): string {
    const noun = ACTOR_NOUN[facts.type];
    const what = facts.action ? ` ${actionPhrase(facts.action, facts.profile, facts.type)}` : '';
    const sentences = [`${noun}${what}${wherePhrase(facts.where, facts.profile)}.`];
    if (facts.alsoOffers.length > 0) {
      const verb = PLURAL_NOUNS.has(facts.type) ? 'Proposent' : 'Propose';
      sentences.push(`${verb} aussi : ${facts.alsoOffers.map((a) => ACTION_SHORT[a]).join(', ')}.`);
    }
    if (facts.general) {
      sentences.push('Sans proposer directement ce que vous cherchez, cette structure peut vous écouter et vous orienter.');
    }
    if (facts.contactNote) sentences.push(CONTACT_NOTE[facts.contactNote]);
    return sentences.join(' ');
  },

  notices: {
    dangerNow: {
      title: 'En cas de danger immédiat',
      text: 'Appelez le 17 (police secours) ou le 112. Si vous ne pouvez pas parler, envoyez un SMS au 114. Pour tout enfant en danger, le 119 répond 24 h/24, gratuitement.',
    },
    ifDanger: {
      title: 'Si la situation devient dangereuse',
      text: 'En cas de danger immédiat, appelez le 17 ou le 112, ou envoyez un SMS au 114 si vous ne pouvez pas parler.',
    },
    obligationToReport: {
      title: 'Un mineur en situation de prostitution est un mineur en danger',
      text:
        'Depuis la loi n° 2002-305 du 4 mars 2002 (article 13), tout mineur qui se livre à la prostitution, même occasionnellement, est réputé en danger et relève de la protection du juge des enfants. ' +
        'Les professionnels de la protection de l’enfance et ceux qui y concourent transmettent sans délai une information préoccupante à la CRIP du département (article L.226-2-1 du code de l’action sociale et des familles) ; ' +
        'en cas de danger grave et immédiat, le procureur de la République peut être saisi directement.',
      reference: {
        label: 'Loi n° 2002-305 du 4 mars 2002 relative à l’autorité parentale (Légifrance)',
        url: 'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000776954',
      },
    },
    sharedInformation: {
      title: 'Secret professionnel et information partagée',
      text:
        'Le secret professionnel ne vous interdit pas d’agir : il ne s’applique pas à celui qui informe les autorités judiciaires, médicales ou administratives de privations ou de sévices infligés à un mineur (article 226-14 du code pénal). ' +
        'Entre professionnels de la protection de l’enfance, le partage d’informations à caractère secret est autorisé, strictement limité à ce qui est nécessaire ; les parents et l’enfant, selon son âge et sa maturité, en sont informés sauf si c’est contraire à l’intérêt de l’enfant (article L.226-2-2 du code de l’action sociale et des familles).',
      reference: {
        label: 'Article 226-14 du code pénal (Légifrance)',
        // The article's permanent id: Légifrance opens the version in force from it.
        url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006417946',
      },
    },
    noCrip: {
      title: 'Pas de CRIP référencée pour votre département',
      text: 'PARÉ ne connaît pas encore la cellule de recueil des informations préoccupantes (CRIP) de votre département. Appelez le 119 : il reçoit votre information préoccupante et la transmet à la CRIP compétente.',
    },
    noLocalActor: {
      title: 'Pas encore d’acteur référencé près de chez vous',
      text: 'Les lignes nationales de cette liste peuvent vous écouter et vous orienter. Vous pouvez aussi laisser une demande de contact : l’équipe PARÉ cherchera avec vous le bon interlocuteur.',
    },
    noLocalActorForNeed: {
      title: 'Personne près de chez vous ne propose encore ce que vous cherchez',
      text: 'Les structures proches de cette liste peuvent vous écouter et vous orienter, et les lignes nationales répondent partout. Vous pouvez aussi laisser une demande de contact : l’équipe PARÉ cherchera avec vous le bon interlocuteur.',
    },
    unknownPlace: {
      title: 'Nous n’avons pas reconnu votre commune',
      text: 'Les numéros d’urgence et les lignes nationales répondent partout en France. Le 119 transmet à la cellule de protection de l’enfance de votre département. Pour voir les acteurs près de chez vous, indiquez votre commune ou votre code postal.',
    },
  } satisfies Record<string, NoticeText>,
};

export type OrientationTexts = typeof orientationTexts;
