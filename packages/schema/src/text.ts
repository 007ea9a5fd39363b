/**
 * One-line text: names, titles and labels are written into mails, headers, CSV cells and pages,
 * where a line break can fake a field (« Référence : … ») and a bidi override or an invisible
 * character can make a name read as something else.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same set, every occurrence
const UNSAFE_IN_LINE_ALL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+/gu;

/**
 * True when the text holds a C0 or C1 control character (line breaks and tabs included), a line
 * or paragraph separator, a bidi control, or a zero-width character.
 */
export function hasUnsafeLineCharacter(value: string): boolean {
  return UNSAFE_IN_LINE.test(value);
}

/** The same text on one line: every run of such characters becomes one space (for mails built from stored data). */
export function toOneLine(value: string): string {
  return value.replace(UNSAFE_IN_LINE_ALL, ' ').trim();
}

export const ONE_LINE_MESSAGE = 'Sur une seule ligne, sans caractère de contrôle ni caractère invisible';
