/**
 * The API documentation page, rendered on the server from the OpenAPI document: plain HTML in
 * French, no script, no outside resource (the app's CSP allows scripts from its own origin
 * only, and public pages make no third-party request).
 */
import { createRoute } from '@hono/zod-openapi';
import { textResponse } from '../../lib/openapi.ts';

export const docsRoute = createRoute({
  method: 'get',
  path: '/api/docs',
  tags: ['Service'],
  summary: 'Documentation de l’API (page HTML)',
  description: 'La description OpenAPI rendue en une page HTML en français, sans script ni ressource extérieure.',
  responses: { 200: textResponse('text/html', 'La page de documentation') },
});

type Schema = {
  type?: string | string[];
  $ref?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  default?: unknown;
  example?: unknown;
  minimum?: number;
  maximum?: number;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Response = { description?: string; content?: Record<string, { schema?: Schema }> };
type Operation = {
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  responses?: Record<string, Response>;
  externalDocs?: { url: string; description?: string };
};
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Escaped text where `code` spans of the OpenAPI descriptions become <code>. */
function prose(text: string | undefined): string {
  if (!text) return '';
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function anchor(...parts: string[]): string {
  return parts
    .join('-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function refName(ref: string): string {
  return ref.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : ref;
}

/** A short, readable type: `string (uuid)`, `tableau de PublicActor`, `"a" | "b"`. */
function typeOf(s: Schema | undefined): string {
  if (!s) return '';
  if (s.$ref) {
    const name = refName(s.$ref);
    return s.$ref.startsWith('#/')
      ? `<a href="#schema-${anchor(name)}">${esc(name)}</a>`
      : `<a href="${esc(s.$ref)}" rel="noreferrer">${esc(name)}</a>`;
  }
  if (s.const !== undefined) return `<code>${esc(JSON.stringify(s.const))}</code>`;
  if (s.enum) return s.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map(typeOf).join(' ou ');
  if (s.allOf) return s.allOf.map(typeOf).join(' et ');
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return types
    .map((t) => (t === 'array' ? `tableau de ${typeOf(s.items) || 'valeurs'}` : `${esc(t)}${s.format ? ` (${esc(s.format)})` : ''}`))
    .join(' | ');
}

function constraints(s: Schema | undefined): string {
  if (!s) return '';
  const out: string[] = [];
  if (s.default !== undefined) out.push(`défaut : <code>${esc(JSON.stringify(s.default))}</code>`);
  if (s.minimum !== undefined) out.push(`min. ${esc(s.minimum)}`);
  if (s.maximum !== undefined) out.push(`max. ${esc(s.maximum)}`);
  if (s.example !== undefined)
    out.push(`exemple : <code>${esc(typeof s.example === 'string' ? s.example : JSON.stringify(s.example))}</code>`);
  return out.length ? ` <span class="note">(${out.join(', ')})</span>` : '';
}

const WHERE: Record<string, string> = { query: 'requête', path: 'chemin', header: 'en-tête', cookie: 'cookie' };

function renderParameters(params: Parameter[]): string {
  if (params.length === 0) return '<p>Aucun paramètre.</p>';
  const rows = params
    .map(
      (p) =>
        `<tr><th scope="row"><code>${esc(p.name)}</code></th><td>${esc(WHERE[p.in] ?? p.in)}</td><td>${p.required ? 'oui' : 'non'}</td><td>${typeOf(p.schema)}</td><td>${prose(p.description ?? p.schema?.description)}${constraints(p.schema)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th scope="col">Nom</th><th scope="col">Où</th><th scope="col">Obligatoire</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderResponses(responses: Record<string, Response>): string {
  const rows = Object.entries(responses)
    .map(([code, r]) => {
      const content = Object.entries(r.content ?? {})
        .map(([type, media]) => `<code>${esc(type)}</code>${media.schema ? ` : ${typeOf(media.schema)}` : ''}`)
        .join('<br>');
      return `<tr><th scope="row">${esc(code)}</th><td>${prose(r.description)}</td><td>${content}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th scope="col">Code</th><th scope="col">Signification</th><th scope="col">Contenu</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderOperation(path: string, method: string, op: Operation): string {
  const id = anchor('op', method, path);
  const docs = op.externalDocs
    ? `<p>Référence : <a href="${esc(op.externalDocs.url)}" rel="noreferrer">${esc(op.externalDocs.description ?? op.externalDocs.url)}</a></p>`
    : '';
  return `<article id="${id}" aria-labelledby="${id}-titre">
<h3 id="${id}-titre"><span class="method">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
${op.summary ? `<p class="summary">${prose(op.summary)}</p>` : ''}
${op.description ? `<p>${prose(op.description)}</p>` : ''}${docs}
<h4>Paramètres</h4>
${renderParameters(op.parameters ?? [])}
<h4>Réponses</h4>
${renderResponses(op.responses ?? {})}
</article>`;
}

function renderSchema(name: string, s: Schema): string {
  const required = new Set(s.required ?? []);
  const props = Object.entries(s.properties ?? {});
  const body = props.length
    ? `<table><thead><tr><th scope="col">Champ</th><th scope="col">Type</th><th scope="col">Obligatoire</th><th scope="col">Description</th></tr></thead><tbody>${props
        .map(
          ([p, ps]) =>
            `<tr><th scope="row"><code>${esc(p)}</code></th><td>${typeOf(ps)}</td><td>${required.has(p) ? 'oui' : 'non'}</td><td>${prose(ps.description)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p>${typeOf(s)}</p>`;
  return `<section aria-labelledby="schema-${anchor(name)}"><h3 id="schema-${anchor(name)}">${esc(name)}</h3>${s.description ? `<p>${prose(s.description)}</p>` : ''}${body}</section>`;
}

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#161616;background:#fff}
body{margin:0 auto;max-width:72rem;padding:1rem}
a{color:#000091}a:focus-visible{outline:3px solid #000091;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.95em;background:#f2f2f9;padding:0 .2em;border-radius:3px}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eee}
article{border-top:2px solid #000091;margin-top:2rem;padding-top:.5rem}
.method{display:inline-block;min-width:3.5rem;background:#000091;color:#fff;border-radius:3px;padding:0 .4rem;font-size:.9em}
.summary{font-weight:600}.note{color:#3a3a3a}
nav ul{padding-left:1.2rem}
`;

/** The whole page for an OpenAPI 3.1 document. Every value from the document is escaped. */
export function renderDocsPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, { path: string; method: string; op: Operation }[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Autres';
      let list = byTag.get(tag);
      if (!list) {
        list = [];
        byTag.set(tag, list);
      }
      list.push({ path, method, op });
    }
  }
  const toc = [...byTag]
    .map(
      ([tag, ops]) =>
        `<li><a href="#${anchor('tag', tag)}">${esc(tag)}</a><ul>${ops
          .map(
            (o) =>
              `<li><a href="#${anchor('op', o.method, o.path)}">${esc(o.method.toUpperCase())} <code>${esc(o.path)}</code></a>${o.op.summary ? ` — ${esc(o.op.summary)}` : ''}</li>`,
          )
          .join('')}</ul></li>`,
    )
    .join('');
  const sections = [...byTag]
    .map(
      ([tag, ops]) =>
        `<section aria-labelledby="${anchor('tag', tag)}"><h2 id="${anchor('tag', tag)}">${esc(tag)}</h2>${ops.map((o) => renderOperation(o.path, o.method, o.op)).join('\n')}</section>`,
    )
    .join('\n');
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(([name, s]) => renderSchema(name, s))
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(doc.info.title)} — documentation de l’API</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header>
<h1>${esc(doc.info.title)} — documentation de l’API</h1>
${doc.info.description ? `<p>${prose(doc.info.description)}</p>` : ''}
<p>Version ${esc(doc.info.version)}. Description OpenAPI ${esc(doc.openapi)} lisible par les machines : <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</header>
<nav aria-label="Sommaire"><h2>Sommaire</h2><ul>${toc}<li><a href="#donnees-ouvertes">Données ouvertes : formats et confidentialité</a></li>${schemas ? '<li><a href="#schemas">Schémas</a></li>' : ''}</ul></nav>
<main id="contenu">
<section aria-labelledby="donnees-ouvertes">
<h2 id="donnees-ouvertes">Données ouvertes : formats et confidentialité</h2>
<p>Les exports (CSV, GeoJSON, data·inclusion) et l’API HSDS ne contiennent que la vue publique de l’annuaire : jamais l’adresse, le point exact ni les contacts directs d’un lieu confidentiel, ni un contact réservé aux professionnels, ni l’adresse du référent. Les liens renvoient aux fiches publiques des acteurs.</p>
<p id="hsds">Profil HSDS 3.0 de PARÉ : une organisation et un service par acteur, un lieu par site ; identifiants UUID v5 stables dérivés des identifiants PARÉ ; un lieu confidentiel n’a ni adresse ni coordonnées, seulement sa commune dans son nom ; publics, actions et type en termes de taxonomie (attributs du service).</p>
</section>
${sections}
${schemas ? `<section aria-labelledby="schemas"><h2 id="schemas">Schémas</h2>${schemas}</section>` : ''}
</main>
</body>
</html>
`;
}
