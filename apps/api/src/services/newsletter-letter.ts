/**
 * The letter itself: an HTML part and a plain-text part made from an issue. Readable without
 * images (there are none), no tracking pixel, every link the item's own address on the site (no
 * redirect, no parameter added). The introduction is the curators' Markdown through
 * renderMarkdown (raw HTML off, sanitised to a small allow-list); every other text is escaped.
 */
import type { NewsletterIssue, NewsletterItem } from '@pare/db';
import { getDepartement } from '@pare/geo';
import { markdownToText, renderMarkdown } from './markdown.ts';

export type Letter = { subject: string; html: string; text: string };

/** The three parts of the letter, in the order the network's letter has them. */
export const LETTER_PARTS: { kind: NewsletterItem['kind']; title: string }[] = [
  { kind: 'event', title: 'Agenda' },
  { kind: 'news', title: 'Actualités' },
  { kind: 'resource', title: 'Ressources' },
];

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

const frDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const day = (iso: string) => frDate.format(new Date(`${iso}T00:00:00Z`));

/** « Édition nationale » or « Édition Moselle (57) ». */
export function editionLabel(departement: string | null): string {
  if (!departement) return 'Édition nationale';
  return `Édition ${getDepartement(departement)?.name ?? departement} (${departement})`;
}

export function letterSubject(issue: Pick<NewsletterIssue, 'title' | 'departement'>): string {
  return `${issue.title} — La lettre du réseau PARÉ${issue.departement ? ` · ${editionLabel(issue.departement)}` : ''}`;
}

/** The site's address for links in the letter, without a trailing slash. */
export const siteBase = (publicUrl: string | undefined) => (publicUrl ?? '').replace(/\/+$/, '');

const S = {
  body: 'margin:0;padding:0;background:#f3f3f3;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5',
  wrap: 'max-width:640px;margin:0 auto;background:#ffffff;padding:24px',
  brand: 'margin:0 0 4px;font-size:14px;font-weight:bold;letter-spacing:.04em;color:#000091',
  h1: 'margin:0 0 4px;font-size:26px;line-height:1.25',
  edition: 'margin:0 0 20px;color:#3a3a3a;font-size:14px',
  h2: 'margin:28px 0 8px;padding-top:12px;border-top:2px solid #000091;font-size:20px;color:#000091',
  h3: 'margin:16px 0 2px;font-size:17px',
  meta: 'margin:0;color:#3a3a3a;font-size:14px',
  p: 'margin:4px 0 0',
  a: 'color:#000091;text-decoration:underline',
  footer: 'margin-top:32px;padding-top:12px;border-top:1px solid #cccccc;color:#3a3a3a;font-size:13px',
};

/**
 * Makes the letter of an issue; `unsubscribeUrl` is the reader's own link (a test or a preview
 * gets a stand-in). The introduction is rendered once per call: callers sending to many make
 * the letter once with `letterFactory` and give each reader their link.
 */
export function letterFactory(issue: NewsletterIssue, publicUrl: string | undefined): (unsubscribeUrl: string) => Letter {
  const base = siteBase(publicUrl);
  const subject = letterSubject(issue);
  const introHtml = renderMarkdown(issue.introMd);
  const introText = markdownToText(issue.introMd);
  const period = `Du ${day(issue.periodFrom)} au ${day(issue.periodTo)}`;
  const url = (item: NewsletterItem) => `${base}${item.path}`;

  const htmlParts: string[] = [];
  const textParts: string[] = [];
  for (const part of LETTER_PARTS) {
    const items = issue.items.filter((i) => i.kind === part.kind);
    if (items.length === 0) continue;
    htmlParts.push(`<h2 style="${S.h2}">${part.title}</h2>`);
    textParts.push(`${part.title.toUpperCase()}\n${'='.repeat(part.title.length)}`);
    for (const item of items) {
      htmlParts.push(
        `<h3 style="${S.h3}"><a href="${escapeHtml(url(item))}" style="${S.a}">${escapeHtml(item.title)}</a></h3>` +
          (item.meta ? `<p style="${S.meta}">${escapeHtml(item.meta)}</p>` : '') +
          (item.summary ? `<p style="${S.p}">${escapeHtml(item.summary)}</p>` : ''),
      );
      textParts.push(
        [`* ${item.title}`, item.meta && `  ${item.meta}`, item.summary && `  ${item.summary}`, `  ${url(item)}`]
          .filter(Boolean)
          .join('\n'),
      );
    }
  }

  return (unsubscribeUrl: string) => {
    const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="${S.body}">
<div style="${S.wrap}">
<p style="${S.brand}">PARÉ — La lettre du réseau</p>
<h1 style="${S.h1}">${escapeHtml(issue.title)}</h1>
<p style="${S.edition}">${escapeHtml(editionLabel(issue.departement))} · ${escapeHtml(period)}</p>
${introHtml ? `<div>${introHtml}</div>` : ''}
${htmlParts.join('\n')}
<div style="${S.footer}">
<p style="${S.p}">En danger immédiat : appelez le 17 ou le 112. Enfance en danger : le 119, jour et nuit, gratuit.</p>
<p style="${S.p}">Vous recevez cette lettre parce que vous vous y êtes abonné·e sur le site PARÉ. Cette lettre ne contient aucun traceur.</p>
<p style="${S.p}"><a href="${escapeHtml(unsubscribeUrl)}" style="${S.a}">Se désinscrire en un clic</a></p>
</div>
</div>
</body>
</html>
`;
    const text = [
      'PARÉ — La lettre du réseau',
      '',
      issue.title,
      `${editionLabel(issue.departement)} · ${period}`,
      '',
      ...(introText ? [introText, ''] : []),
      textParts.join('\n\n'),
      '',
      '--',
      'En danger immédiat : appelez le 17 ou le 112. Enfance en danger : le 119, jour et nuit, gratuit.',
      'Vous recevez cette lettre parce que vous vous y êtes abonné·e sur le site PARÉ.',
      `Se désinscrire en un clic : ${unsubscribeUrl}`,
      '',
    ].join('\n');
    return { subject, html, text };
  };
}
