/** `/departements/:code` — what exists in one département: CRIP and ASE first, actors, protocols, resources. */
import type { PublicActor } from '@pare/schema';
import { ACTOR_TYPE_LABELS } from '@pare/schema/codes';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { BackLink } from '../../components/back-link.tsx';
import { ActionBadges } from '../../components/badges.tsx';
import { DetailSection } from '../../components/detail-section.tsx';
import { DetailState } from '../../components/detail-state.tsx';
import { LinkedCard } from '../../components/linked-card.tsx';
import { listOr } from '../../components/list-or.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frNews } from '../../i18n/fr.news.ts';
import { frResources } from '../../i18n/fr.resources.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { NewsAndEventsBlocks } from '../news/cards.tsx';
import { ProtocolCard, ResourceCard } from '../resources/resource-card.tsx';
import { departementQuery } from './queries.ts';

function ActorItem({ actor, reporting = false }: { actor: PublicActor; reporting?: boolean }) {
  const t = frResources.departement;
  const phone = actor.contacts.find((c) => c.kind === 'phone');
  const email = actor.contacts.find((c) => c.kind === 'email');
  return (
    <LinkedCard heading="h3" href={`/acteurs/${encodeURIComponent(actor.slug)}`} title={actor.name}>
      <p className="result__meta">
        {ACTOR_TYPE_LABELS[actor.type]}
        {phone && (
          <>
            {' · '}
            <a href={`tel:${phone.value.replace(/[^\d+]/g, '')}`}>{phone.value}</a>
          </>
        )}
      </p>
      {/* A cell whose Département publishes no number or address: the 119 forwards to it, at any hour. */}
      {reporting && !phone && !email && (
        <p className="result__meta">
          {t.noDirectContact}{' '}
          <a className="tel-phrase" href="tel:119">
            {t.call119}
          </a>
        </p>
      )}
      <ActionBadges actions={actor.actions} />
    </LinkedCard>
  );
}

/** The cards as a list of results, or what to say when there is none. */
const cardsOr = (cards: ReactNode[], none: ReactNode) => listOr(cards, none, 'result-list');

/** A section's cards (or the sentence saying there are none), then the link to all of them. */
function CardsThenLink({ cards, none, href, link }: { cards: ReactNode[]; none: string; href: string; link: string }) {
  return (
    <>
      {cardsOr(cards, <p>{none}</p>)}
      <p className="section-more">
        <Link href={href}>{link}</Link>
      </p>
    </>
  );
}

export function DepartementPage({ code }: { code: string }) {
  const t = frResources.departement;
  const query = useQuery(departementQuery(code.toUpperCase()));
  const notFound = query.error instanceof ApiRequestError && (query.error.code === 'not_found' || query.error.code === 'validation_error');
  const d = query.data?.departement;
  useDocumentTitle(d ? t.title(d.name, d.code) : notFound ? t.notFoundTitle : query.isError ? t.errorTitle : t.loading);

  return (
    <div className="departement-page">
      <BackLink href="/departements">{t.allDepartements}</BackLink>
      <DetailState query={query} loading={t.loading} errorHeading={notFound ? t.notFoundTitle : t.errorTitle} />
      {query.data && d && (
        <>
          <PageIntro heading={t.title(d.name, d.code)} intro={t.region(d.region.name)} />

          <DetailSection id="dep-signalement" heading={t.reportingHeading}>
            <p>{t.reportingIntro}</p>
            {cardsOr(
              query.data.reporting.map((a) => <ActorItem key={a.slug} actor={a} reporting />),
              <p className="notice">{t.reportingNone}</p>,
            )}
          </DetailSection>
          <DetailSection id="dep-acteurs" heading={t.actorsHeading}>
            <CardsThenLink
              cards={query.data.actors.map((a) => <ActorItem key={a.slug} actor={a} />)}
              none={t.actorsNone}
              href={`/?departement=${encodeURIComponent(d.code)}`}
              link={t.searchActors}
            />
          </DetailSection>
          <DetailSection id="dep-protocoles" heading={t.protocolsHeading}>
            {query.data.protocols.length > 0 ? (
              query.data.protocols.map((p) => <ProtocolCard key={p.slug} protocol={p} headingLevel={3} />)
            ) : (
              <p>{t.protocolsNone}</p>
            )}
          </DetailSection>
          <DetailSection id="dep-ressources" heading={t.resourcesHeading}>
            <CardsThenLink
              cards={query.data.resources.map((r) => <ResourceCard key={r.slug} resource={r} />)}
              none={t.resourcesNone}
              href={`/ressources?departement=${encodeURIComponent(d.code)}`}
              link={t.allResources}
            />
          </DetailSection>
          <DetailSection id="dep-actualites" heading={frNews.blocks.depHeading}>
            <NewsAndEventsBlocks departement={d.code} headingLevel={3} />
          </DetailSection>
        </>
      )}
    </div>
  );
}
