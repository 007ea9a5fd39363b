/**
 * Markdown for news, events and the newsletter's introduction: rendered by markdown-it with raw
 * HTML off, then cleaned by sanitize-html to a small allow-list, on the server, at save. What
 * comes out is safe to put in a page, a feed or a letter as is.
 *
 * Kept: p, br, strong, em, ul/ol/li, h2–h4, blockquote, code (and pre for code blocks), bare span, and a
 * with an http, https or mailto href only, given `rel="noopener noreferrer"`. Raw HTML in the
 * source is removed (its text kept, except inside script, style, iframe, svg…, which go entirely). A
 * `# Titre` becomes h2: the page's own title is the only h1.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML is parsed (html: true) only so that sanitize-html can remove it: shown as text, a
// pasted `<img onerror=…>` would read as garbage; removed, nothing of it reaches the reader.
// Every Markdown link is made a link here (markdown-it would leave a `javascript:` one as its raw
// `[text](javascript:…)` source); the allow-list below then keeps the text and drops any target
// that is not an absolute http(s) or mailto address.
const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });
md.validateLink = () => true;
/** Absolute http(s) or mailto links only: no relative link (it would point into the site), no other scheme. */
const SAFE_HREF = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre', 'span'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
    // A link with a refused target becomes a bare span: its text stays, as plain text (an `a`
    // without href would still look like a link). Raw `<span>`s of the source lose every attribute.
    a: (tagName, attribs): sanitizeHtml.Tag =>
      attribs.href && SAFE_HREF.test(attribs.href.trim())
        ? { tagName, attribs: { href: attribs.href.trim(), rel: 'noopener noreferrer' } }
        : { tagName: 'span', attribs: {} },
  },
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template'],
};

/** Markdown to safe HTML (see the module's comment for what is kept). */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source ?? ''), SANITIZE).trim();
}

/** The same text as plain text (feeds' summaries, the letter's text part): tags gone, entities decoded. */
export function markdownToText(source: string): string {
  const html = renderMarkdown(source);
  const text = sanitizeHtml(html.replace(/<\/(p|li|h[2-4]|blockquote|pre)>/g, '\n').replace(/<br\s*\/?>/g, '\n'), {
    allowedTags: [],
    allowedAttributes: {},
  });
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
