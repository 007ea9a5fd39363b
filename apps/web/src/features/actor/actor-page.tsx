/** `/acteurs/:slug` — an actor's public record. */

import type { PublicActor, PublicContact, PublicSite } from '@pare/schema';
import { ACTOR_TYPE_LABELS, TERRITORY_SCOPE_LABELS } from '@pare/schema/codes';
import { useQuery } from '@tanstack/react-query';
import { type MouseEvent, type ReactNode, useEffect, useRef } from 'react';
import { MAIN_ID } from '../../components/app-shell.tsx';
import { BackLink } from '../../components/back-link.tsx';
import { ActionBadges, ConfidentialBadge, PublicBadges } from '../../components/badges.tsx';
import { DetailSection } from '../../components/detail-section.tsx';
import { ErrorMessage, RetryButton } from '../../components/error-message.tsx';
import { listOr } from '../../components/list-or.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { fr } from '../../i18n/fr.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate, formatLanguage, phoneHref, safeHttpUrl, shortHost } from '../../lib/format.ts';
import { historyState, Link } from '../../lib/router.tsx';
import { actorHoursSummary, Closures, contactTimeZone, dayOfAnswer, HoursStatus, siteTimeZone, WeekTable } from '../hours/hours.tsx';
import { ActorResources } from '../resources/actor-resources.tsx';
import { ActorSitesMap, DirectionsLink, ShareAndPrint } from './actor-tools.tsx';
import { actorQuery } from './queries.ts';

function BackToSearch() {
  const from = historyState()?.searchHref;
  function onClick(e: MouseEvent<HTMLAnchorElement>) {
    // We came from the results: going back restores them exactly (filters, page, scroll).
    if (from && !e.metaKey && !e.ctrlKey && !e.shiftKey && e.button === 0) {
      e.preventDefault();
      window.history.back();
    }
  }
  return (
    <BackLink href={from ?? '/'} onClick={onClick}>
      {from ? fr.actor.backToResults : fr.actor.backToSearch}
    </BackLink>
  );
}

function ContactItem({ contact, timeZone }: { contact: PublicContact; timeZone: string }) {
  const t = fr.actor;
  let link: ReactNode;
  switch (contact.kind) {
    case 'phone':
      link = (
        <a href={phoneHref(contact.value)} aria-label={t.onPhone(contact.value)}>
          {contact.value}
        </a>
      );
      break;
    case 'sms':
      link = (
        <a href={phoneHref(contact.value, 'sms')} aria-label={t.bySms(contact.value)}>
          {contact.value}
        </a>
      );
      break;
    case 'email':
      link = (
        <a href={`mailto:${contact.value}`} aria-label={t.byEmail(contact.value)}>
          {contact.value}
        </a>
      );
      break;
    default: {
      const url = safeHttpUrl(contact.value);
      link = url ? (
        <a href={url} rel="noopener noreferrer external">
          {shortHost(url)}
        </a>
      ) : (
        contact.value
      );
    }
  }
  return (
    <li className="contact">
      <span className="contact__kind">{contact.label ?? t.contactKind[contact.kind]}</span>
      {contact.label && <span className="visually-hidden"> ({t.contactKind[contact.kind]})</span>}
      <span className="contact__value">{link}</span>
      {contact.professional_only && <span className="badge badge--muted">{t.professionalOnly}</span>}
      {contact.opening_hours && (
        <div className="contact__hours">
          <HoursStatus state={contact} now={dayOfAnswer(contact.week)} timeZone={timeZone} />
          {contact.opening_hours !== '24/7' && contact.week && (
            <details>
              <summary>{t.lineHours}</summary>
              <WeekTable week={contact.week} caption={t.weekCaption} />
            </details>
          )}
        </div>
      )}
    </li>
  );
}

function SiteItem({ site, many }: { site: PublicSite; many: boolean }) {
  const t = fr.actor;
  const commune = [site.postcode, site.commune?.name].filter(Boolean).join(' ');
  const place = site.departement ? `${commune || site.departement.name}${commune ? ` (${site.departement.name})` : ''}` : commune;
  return (
    <li className={`site${site.confidential ? ' site--confidential' : ''}`}>
      <h3 className="site__title">
        {site.confidential ? (site.commune?.name ?? site.departement?.name ?? t.sites) : (site.label ?? site.commune?.name ?? t.sites)}
      </h3>
      {many && <Closures closures={site.temporary_closures} />}
      {site.confidential ? (
        <>
          <p>
            <ConfidentialBadge />
          </p>
          <p>{place}</p>
          <p className="site__note">{t.siteConfidentialText}</p>
        </>
      ) : (
        <address>
          {site.address && (
            <>
              {site.address}
              <br />
            </>
          )}
          {place}
        </address>
      )}
      {!site.confidential && <DirectionsLink site={site} />}
      {site.opening_hours && (
        <div className="site__hours">
          <HoursStatus state={site} now={dayOfAnswer(site.week)} timeZone={siteTimeZone(site)} />
          {site.week && <WeekTable week={site.week} caption={t.weekCaption} />}
        </div>
      )}
      {site.accessibility && (
        <dl className="site__details">
          <dt>{t.accessibility}</dt>
          <dd>{site.accessibility}</dd>
        </dl>
      )}
    </li>
  );
}

/** Under the name: is it open now (a place or a line), and any closure in effect. */
function ActorHoursNow({ actor }: { actor: PublicActor }) {
  const summary = actorHoursSummary(actor);
  const closures = actor.sites.flatMap((s) => s.temporary_closures);
  const week = actor.sites.find((s) => s.week?.length)?.week ?? actor.contacts.find((c) => c.week?.length)?.week;
  return (
    <>
      {summary && <HoursStatus state={summary.state} now={dayOfAnswer(week)} timeZone={summary.timeZone} className="actor__hours" />}
      <Closures closures={closures} />
    </>
  );
}

function territoryText(a: PublicActor): string {
  const t = a.territory;
  if (t.scope === 'national') return fr.actor.territoryNational;
  const places = t.scope === 'regions' ? t.regions : t.scope === 'departements' ? t.departements : t.communes;
  const names = places.map((p) => (t.scope === 'departements' ? `${p.name} (${p.code})` : p.name)).join(', ');
  return names ? `${TERRITORY_SCOPE_LABELS[t.scope]} : ${names}` : TERRITORY_SCOPE_LABELS[t.scope];
}

function Provenance({ actor }: { actor: PublicActor }) {
  const t = fr.actor;
  const p = actor.provenance;
  const source = p.source_url ? safeHttpUrl(p.source_url) : null;
  return (
    <section className="actor-section provenance" aria-labelledby="titre-provenance">
      <h2 id="titre-provenance">{t.provenance}</h2>
      <p>
        {p.last_verified_at ? t.verifiedOn(formatDate(p.last_verified_at)) : t.notVerified}
        {p.verified_by && <> {t.verifiedBy(p.verified_by)}</>}
        {source && (
          <>
            <span aria-hidden="true"> · </span>
            {t.source}{' '}
            <a href={source} rel="noopener noreferrer external">
              {shortHost(source)}
            </a>
          </>
        )}
      </p>
      <p className="provenance__updated">{t.updatedOn(formatDate(actor.updated_at))}</p>
    </section>
  );
}

function ActorDetail({ actor }: { actor: PublicActor }) {
  const t = fr.actor;
  const confidential = actor.sites.some((s) => s.confidential);
  const paragraphs = actor.description
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Arrived here while the record was loading: the heading now takes the focus.
  useEffect(() => {
    const active = document.activeElement;
    if (active === document.body || active?.id === MAIN_ID) headingRef.current?.focus({ preventScroll: true });
  }, []);

  return (
    <article className="actor" aria-labelledby="titre-acteur">
      <header className="actor__header">
        <h1 id="titre-acteur" ref={headingRef} tabIndex={-1} data-page-heading>
          {actor.name}
        </h1>
        <p className="actor__type">
          {ACTOR_TYPE_LABELS[actor.type]}
          {actor.territory.scope === 'national' && <> · {fr.result.nationalReach}</>}
        </p>
        {confidential && (
          <p>
            <ConfidentialBadge />
          </p>
        )}
        <ActorHoursNow actor={actor} />
      </header>

      <div className="actor__layout">
        <div className="actor__side">
          <div className="actor__cta">
            <Link className="button button--primary" href={`/orientation?acteur=${encodeURIComponent(actor.slug)}`}>
              {t.requestContact}
            </Link>
            <p className="field__hint">{t.requestContactHint}</p>
          </div>
          <DetailSection id="titre-contacts" heading={t.contacts}>
            {listOr(
              actor.contacts.map((c) => <ContactItem key={`${c.kind}:${c.value}`} contact={c} timeZone={contactTimeZone(actor)} />),
              <p>{t.noContact}</p>,
              'contacts',
            )}
          </DetailSection>
          <DetailSection id="titre-lieux" heading={t.sites}>
            {listOr(
              actor.sites.map((s) => <SiteItem key={s.id} site={s} many={actor.sites.length > 1} />),
              <p>{t.noSite}</p>,
              'sites',
            )}
            <ActorSitesMap actor={actor} />
          </DetailSection>
          <ShareAndPrint actor={actor} />
        </div>
        <div className="actor__main">
          {paragraphs.length > 0 && (
            <DetailSection id="titre-presentation" heading={t.description}>
              {paragraphs.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </DetailSection>
          )}
          <DetailSection id="titre-publics" heading={t.publics}>
            <PublicBadges publics={actor.publics} label={t.publics} />
          </DetailSection>
          <DetailSection id="titre-actions" heading={t.actions}>
            <ActionBadges actions={actor.actions} label={t.actions} />
          </DetailSection>
          <DetailSection id="titre-territoire" heading={t.territory}>
            <p>{territoryText(actor)}</p>
          </DetailSection>
          {actor.languages.length > 0 && (
            <DetailSection id="titre-langues" heading={t.languages}>
              <p>{actor.languages.map(formatLanguage).join(', ')}</p>
            </DetailSection>
          )}
          <ActorResources slug={actor.slug} />
          <Provenance actor={actor} />

          <p className="actor__report">
            <Link href={`/signaler?acteur=${encodeURIComponent(actor.slug)}`}>{t.reportError}</Link>
          </p>
        </div>
      </div>
    </article>
  );
}

export function ActorPage({ slug }: { slug: string }) {
  const query = useQuery(actorQuery(slug));
  const notFound = query.error instanceof ApiRequestError && query.error.code === 'not_found';
  useDocumentTitle(query.data?.name ?? (notFound ? fr.actor.notFoundTitle : query.isError ? fr.actor.errorTitle : fr.actor.loading));

  return (
    <div className="actor-page">
      <BackToSearch />
      {query.isPending && <p className="notice">{fr.actor.loading}</p>}
      {query.isError && (
        <>
          <h1 tabIndex={-1} data-page-heading>
            {notFound ? fr.actor.notFoundTitle : fr.actor.errorTitle}
          </h1>
          <ErrorMessage error={query.error}>
            {!notFound && (
              <p className="notice__actions">
                <RetryButton label={fr.search.retry} onRetry={() => void query.refetch()} />
              </p>
            )}
          </ErrorMessage>
        </>
      )}
      {query.data && <ActorDetail actor={query.data} />}
    </div>
  );
}
