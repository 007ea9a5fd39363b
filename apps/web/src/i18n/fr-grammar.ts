/** What every French catalogue needs to write numbers: the singular or plural of a word, and numbers with French digit grouping. */

/** `one` for 0 and 1 (French counts zero as singular), `many` from 2. */
export const plural = (n: number, one: string, many: string) => (n <= 1 ? one : many);

/** « 1 234 » */
export const nf = new Intl.NumberFormat('fr-FR');
