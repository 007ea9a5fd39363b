/** `/ressources/:slug` — one resource: summary, reference, download or link, producers. */
import type { PublicResource } from '@pare/schema';
import { PublicBadges } from '../../components/badges.tsx';
import { DetailHeader, DetailPage } from '../../components/detail-state.tsx';
import { actorLink, LinkSection } from '../../components/link-section.tsx';
import { frResources, RESOURCE_TYPE_LABELS } from '../../i18n/fr.resources.ts';
import { formatDate, safeHttpUrl, shortHost } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { resourceQuery } from './queries.ts';
import { ThemeBadges, territoryText } from './resource-card.tsx';

const FILE_KINDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'Image PNG',
  'image/jpeg': 'Image JPEG',
  'image/webp': 'Image WebP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Document Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Classeur Excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'Présentation PowerPoint',
  'application/vnd.oasis.opendocument.text': 'Document OpenDocument',
};

function Access({ resource }: { resource: PublicResource }) {
  const t = frResources.detail;
  if (resource.file) {
    return (
      <div className="resource-download">
        {/* Same-origin download: the API answers with Content-Disposition: attachment. */}
        <a className="button button--primary" href={resource.file.url} download={resource.file.name}>
          {t.download}
        </a>{' '}
        <span>({frResources.item.file(FILE_KINDS[resource.file.content_type] ?? resource.file.content_type, resource.file.size)})</span>
        <p className="field__hint">{t.downloadHint}</p>
      </div>
    );
  }
  const url = resource.url ? safeHttpUrl(resource.url) : null;
  if (url) {
    return (
      <div className="resource-download">
        <a
          className="button button--primary"
          href={url}
          target="_blank"
          rel="noopener noreferrer external"
          aria-describedby="ressource-lien-aide"
        >
          {t.openLink(shortHost(url))}
        </a>
        <p id="ressource-lien-aide" className="field__hint">
          {t.externalHint}
        </p>
      </div>
    );
  }
  return <p className="notice">{t.noAccess}</p>;
}

const LEGIFRANCE = /sur Légifrance/;

/** The Légifrance page of a legal text: its own link when it is one, else a search for its title there. */
export function legifranceHref(resource: Pick<PublicResource, 'url' | 'source_url' | 'title' | 'reference'>): string {
  for (const u of [resource.url, resource.source_url]) {
    const safe = u ? safeHttpUrl(u) : null;
    if (safe && new URL(safe).hostname === 'www.legifrance.gouv.fr') return safe;
  }
  return `https://www.legifrance.gouv.fr/search/all?tab_selection=all&searchField=ALL&query=${encodeURIComponent(resource.reference ?? resource.title)}`;
}

/** « Consultez le texte en vigueur sur Légifrance » says where: the words are a link there. */
function WithLegifranceLink({ text, resource }: { text: string; resource: PublicResource }) {
  const m = LEGIFRANCE.exec(text);
  if (!m) return <>{text}</>;
  return (
    <>
      {text.slice(0, m.index)}
      <a href={legifranceHref(resource)} rel="noopener noreferrer external">
        {m[0]}
      </a>
      {text.slice(m.index + m[0].length)}
    </>
  );
}

function ResourceDetail({ resource }: { resource: PublicResource }) {
  const t = frResources.detail;
  const i = frResources.item;
  const source = resource.source_url ? safeHttpUrl(resource.source_url) : null;
  return (
    <article className="actor" aria-labelledby="titre-ressource">
      <DetailHeader id="titre-ressource" title={resource.title}>
        {RESOURCE_TYPE_LABELS[resource.type]}
        {resource.date && <> · {formatDate(resource.date)}</>}
      </DetailHeader>
      <Access resource={resource} />
      {resource.summary && (
        <section className="actor-section" aria-labelledby="titre-resume">
          <h2 id="titre-resume">{t.summary}</h2>
          {resource.summary.split(/\n{2,}/).map((p) => (
            <p key={p}>
              <WithLegifranceLink text={p} resource={resource} />
            </p>
          ))}
        </section>
      )}
      {resource.reference && (
        <section className="actor-section" aria-labelledby="titre-reference">
          <h2 id="titre-reference">{i.reference}</h2>
          <p>{resource.reference}</p>
        </section>
      )}
      <LinkSection id="titre-producteurs" heading={i.producedBy} links={resource.producers.map(actorLink)} />
      <section className="actor-section" aria-labelledby="titre-publics-ressource">
        <h2 id="titre-publics-ressource">{i.publics}</h2>
        <PublicBadges publics={resource.publics} label={i.publics} />
      </section>
      {resource.themes.length > 0 && (
        <section className="actor-section" aria-labelledby="titre-themes">
          <h2 id="titre-themes">{i.themes}</h2>
          <ThemeBadges themes={resource.themes} />
        </section>
      )}
      <section className="actor-section" aria-labelledby="titre-territoire-ressource">
        <h2 id="titre-territoire-ressource">{i.territory}</h2>
        <p>
          {resource.territory.scope === 'departements' && resource.territory.departements.length === 1 ? (
            <Link href={`/departements/${resource.territory.departements[0]?.code ?? ''}`}>{territoryText(resource)}</Link>
          ) : (
            territoryText(resource)
          )}
        </p>
      </section>
      <section className="actor-section provenance">
        {source && (
          <p>
            {t.source}{' '}
            <a href={source} rel="noopener noreferrer external">
              {shortHost(source)}
            </a>
          </p>
        )}
        <p className="provenance__updated">{t.updatedOn(formatDate(resource.updated_at))}</p>
      </section>
    </article>
  );
}

export function ResourcePage({ slug }: { slug: string }) {
  return (
    <DetailPage
      className="actor-page"
      back="/ressources"
      texts={frResources.detail}
      options={resourceQuery(slug)}
      render={(r) => <ResourceDetail resource={r} />}
    />
  );
}
