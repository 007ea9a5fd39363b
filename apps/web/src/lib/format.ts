/** French formatting of dates, languages and phone links. */

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2026-11-23` or an ISO timestamp → « 23 novembre 2026 » (no time-zone shift on plain dates). */
export function formatDate(value: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? value : dateFormat.format(d);
}

let languageNames: Intl.DisplayNames | null = null;

/** `en` → « Anglais ». Unknown codes are shown as they are. */
export function formatLanguage(code: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(['fr'], { type: 'language' });
    const name = languageNames.of(code);
    if (!name || name === code) return code;
    return name.charAt(0).toLocaleUpperCase('fr-FR') + name.slice(1);
  } catch {
    return code;
  }
}

/** `03 87 00 00 00` → `tel:0387000000` (keeps a leading +). */
export function phoneHref(value: string, scheme: 'tel' | 'sms' = 'tel'): string {
  return `${scheme}:${value.replace(/[^\d+]/g, '')}`;
}

/** Only http(s) links are made clickable; anything else is shown as text. */
export function safeHttpUrl(value: string): string | null {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** `https://www.example.org/page` → `example.org` for a short link text. */
export function shortHost(value: string): string {
  try {
    return new URL(value).hostname.replace(/^www\./, '');
  } catch {
    return value;
  }
}
