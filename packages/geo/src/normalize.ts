// One normaliser for both sides of every comparison: the refresh script matches INSEE names
// against GeoNames names with it, and the search folds both its keys and the typed query
// with it, so "St-Étienne", "saint etienne" and "SAINT-ÉTIENNE" meet on the same key.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Apostrophes (straight and typographic), hyphens, dots, commas, slashes and parentheses all
// separate words in French place names; they are never meaningful on their own.
const SEPARATORS = /[\s'’‘`´\-‐‑‒–—.,/()]+/g;
const NOT_WORD = /[^a-z0-9 ]/g;
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
};
// "Paris 15e Arrondissement" (INSEE), "Paris 15 Vaugirard" (GeoNames), "Lyon 02",
// "Marseille 1er Arrondissement" all become "paris 15", "lyon 2", "marseille 1".
const MUNICIPAL_ARRONDISSEMENT = /^(paris|lyon|marseille) 0*(\d{1,2})(?:er|e|eme)?(?: .*)?$/;
const LEADING_ARTICLE = /^(?:le|la|les|l) (?=\S)/;

export type FoldOptions = {
  // The last word of a query being typed may be unfinished: "st" could become "strasbourg",
  // so it is not expanded to "saint" (the search tries both readings itself).
  partial?: boolean;
};

/** Lower case, no accents, words separated by one space, St/Ste expanded. Keeps articles. */
export function foldPlaceName(input: string, options: FoldOptions = {}): string {
  const base = input
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(SEPARATORS, ' ')
    .replace(NOT_WORD, '')
    .trim();
  if (base === '') return '';
  const endsWithSeparator = options.partial === true && /[\s'’‘`´\-‐‑‒–—.,/()]$/.test(input);
  const words = base.split(' ');
  const lastIndex = words.length - 1;
  const expanded = words.map((word, index) => {
    if (options.partial === true && index === lastIndex && !endsWithSeparator) return word;
    return ABBREVIATIONS[word] ?? word;
  });
  return expanded.join(' ').replace(MUNICIPAL_ARRONDISSEMENT, '$1 $2');
}

/** Removes one leading French article ("le mans" → "mans"); the rest is untouched. */
export function stripLeadingArticle(folded: string): string {
  return folded.replace(LEADING_ARTICLE, '');
}

/**
 * The key two place names are compared on: accents, case, hyphens, apostrophes and spaces
 * ignored, Saint/St and Sainte/Ste equal, leading Le/La/Les/L' dropped, and Paris, Lyon and
 * Marseille arrondissements reduced to "paris 15".
 */
export function normalizePlaceName(input: string): string {
  return stripLeadingArticle(foldPlaceName(input));
}
