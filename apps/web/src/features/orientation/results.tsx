/**
 * The orientation's results: the emergency numbers when someone is in danger, then whom to contact
 * and why, grouped, with the notices, the map and the contact form.
 */
import type { ActorListItem, PublicActor } from '@pare/schema';
import { RECOMMENDATION_GROUPS } from '@pare/schema/codes';
import { useQuery } from '@tanstack/react-query';
import { type Ref, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { RetryableError } from '../../components/error-message.tsx';
import { frOrientation } from '../../i18n/fr.orientation.ts';
import { phoneHref, safeHttpUrl } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { LazySearchMap } from '../map/lazy-search-map.tsx';
import type { Answers } from './answers.ts';
import { ContactRequestForm } from './contact-request-form.tsx';
import { type Group, type OrientationInput, type OrientationNotice, orientationQuery, type Recommendation } from './queries.ts';

const t = frOrientation;

/** 17, 112, 119 and the 114 by SMS: big, first, and reachable with one tap. */
export function EmergencyNumbers({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const e = t.emergency;
  const numbers = [
    { href: 'tel:17', label: e.call17, detail: e.call17Detail },
    { href: 'tel:112', label: e.call112, detail: e.call112Detail },
    { href: 'tel:119', label: e.call119, detail: e.call119Detail },
    { href: 'sms:114', label: e.sms114, detail: e.sms114Detail },
  ];
  return (
    <section className="orientation-emergency" aria-labelledby="orientation-urgence">
      <h2 id="orientation-urgence" ref={headingRef} tabIndex={-1}>
        {e.heading}
      </h2>
      <p>{e.intro}</p>
      <ul className="orientation-emergency__list">
        {numbers.map((n) => (
          <li key={n.href}>
            <a className="orientation-emergency__number" href={n.href}>
              <span className="orientation-emergency__label">{n.label}</span>
              <span className="orientation-emergency__detail">{n.detail}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

const PANEL_NUMBERS = new Set(['17', '112', '119', '114']);
/** An actor whose public numbers are all in the emergency panel. */
function inPanel(actor: PublicActor): boolean {
  const numbers = actor.contacts.filter((c) => c.kind === 'phone' || c.kind === 'sms').map((c) => c.value.replace(/\s/g, ''));
  return numbers.length > 0 && numbers.some((n) => PANEL_NUMBERS.has(n));
}

/** The button that fits the channel the engine chose: a tel: link, a written channel, or the contact form. */
function ChannelAction({
  rec,
  formOpen,
  formId,
  onToggleForm,
}: {
  rec: Recommendation;
  formOpen: boolean;
  formId: string;
  onToggleForm: () => void;
}) {
  const r = t.results;
  const { actor, channel } = rec;
  const find = (kind: string) => actor.contacts.find((c) => c.kind === kind);
  if (channel === 'demande-de-contact') {
    return (
      <button type="button" className="button button--primary" aria-expanded={formOpen} aria-controls={formId} onClick={onToggleForm}>
        {formOpen ? r.closeForm : r.requestContact}
        {!formOpen && <span className="visually-hidden"> ({actor.name})</span>}
      </button>
    );
  }
  if (channel === 'appeler') {
    const phone = find('phone');
    if (phone) {
      return (
        <a className="button button--primary" href={phoneHref(phone.value)} aria-label={r.callLabel(actor.name, phone.value)}>
          {r.call(phone.value)}
        </a>
      );
    }
  }
  const sms = find('sms');
  if (sms) {
    return (
      <a className="button button--primary" href={phoneHref(sms.value, 'sms')} aria-label={r.smsLabel(actor.name, sms.value)}>
        {r.sms(sms.value)}
      </a>
    );
  }
  const email = find('email');
  if (email) {
    return (
      <a className="button button--primary" href={`mailto:${email.value}`} aria-label={r.emailLabel(actor.name)}>
        {r.email}
      </a>
    );
  }
  const web = find('chat') ?? find('website');
  const url = web ? safeHttpUrl(web.value) : null;
  if (web && url) {
    return (
      <a
        className="button button--primary"
        href={url}
        target="_blank"
        rel="noopener noreferrer external"
        aria-label={web.kind === 'chat' ? r.chatLabel(actor.name) : r.websiteLabel(actor.name)}
      >
        {web.kind === 'chat' ? r.chat : r.website}
      </a>
    );
  }
  return (
    <Link className="button button--secondary" href={`/acteurs/${actor.slug}`}>
      {r.viewActor(actor.name)}
    </Link>
  );
}

/** What the seed says about the channel's line: its hours, whether it is free (« 7 j/7 de 9 h à 23 h »). */
function mainLabel(rec: Recommendation): string | null {
  if (rec.channel === 'demande-de-contact') return null;
  const kinds = rec.channel === 'appeler' ? ['phone', 'sms', 'email', 'chat', 'website'] : ['sms', 'email', 'chat', 'website'];
  for (const kind of kinds) {
    const c = rec.actor.contacts.find((x) => x.kind === kind && !x.professional_only);
    if (c) return c.label;
  }
  return null;
}

/** A contact request form below the results: what the person already answered is not asked again. */
const answeredBefore = (answers: Answers) => ({
  defaultProfile: answers.profile ?? undefined,
  defaultPlace: answers.place,
  orientation: { needs: answers.needs, urgency: answers.urgency },
  headingLevel: 3 as const,
});

function RecommendationCard({ rec, answers, highlighted }: { rec: Recommendation; answers: Answers; highlighted: boolean }) {
  const [formOpen, setFormOpen] = useState(false);
  const formId = useId();
  const r = t.results;
  return (
    <li id={`orientation-${rec.actor.id}`} className={`result orientation-result${highlighted ? ' is-highlighted' : ''}`}>
      <h4 className="result__name">
        <Link href={`/acteurs/${rec.actor.slug}`}>{rec.actor.name}</Link>
      </h4>
      <p>{rec.reason}</p>
      {/* Under 1 km the distance is between two commune centres: the reason already says "in your commune". */}
      {rec.distance_km !== undefined && rec.distance_km >= 1 && rec.group !== 'national' && (
        <p className="result__distance">{r.distance(rec.distance_km)}</p>
      )}
      <p className="notice__actions">
        <ChannelAction rec={rec} formOpen={formOpen} formId={formId} onToggleForm={() => setFormOpen((o) => !o)} />
      </p>
      {mainLabel(rec) && <p className="orientation-result__hours">{mainLabel(rec)}</p>}
      {rec.channel === 'demande-de-contact' && (
        <div id={formId} hidden={!formOpen}>
          {formOpen && <ContactRequestForm actor={rec.actor.slug} actorName={rec.actor.name} {...answeredBefore(answers)} />}
        </div>
      )}
    </li>
  );
}

function Notices({ notices }: { notices: OrientationNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <section className="orientation-notices" aria-labelledby="orientation-avis">
      <h3 id="orientation-avis">{t.results.noticesHeading}</h3>
      <ul>
        {notices.map((n) => (
          <li key={n.code} className="notice">
            <p className="notice__title">
              <strong>{n.title}</strong>
            </p>
            <p>{n.text}</p>
            {n.reference && (
              <p>
                <a href={n.reference.url} rel="noopener noreferrer external" target="_blank">
                  {n.reference.label}
                </a>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Results({
  input,
  answers,
  onEdit,
  onRestart,
  emergencyRef,
}: {
  input: OrientationInput;
  answers: Answers;
  onEdit: () => void;
  onRestart: () => void;
  emergencyRef: RefObject<HTMLHeadingElement | null>;
}) {
  const query = useQuery(orientationQuery(input));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [showMap, setShowMap] = useState(false);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const [teamForm, setTeamForm] = useState(false);
  const r = t.results;
  const danger = input.urgency === 'danger-immediat';

  // The results take the focus; in danger, the emergency numbers above them do.
  useEffect(() => {
    (danger ? emergencyRef.current : headingRef.current)?.focus();
  }, [danger, emergencyRef]);

  // In danger, the big panel above already gives 17, 112, 119 and the 114: their cards are not repeated.
  const recs = (query.data?.recommendations ?? []).filter((x) => !(danger && x.group === 'urgence' && inPanel(x.actor)));
  // The notice repeating the emergency numbers is shown as the big panel when there is danger.
  const notices = (query.data?.notices ?? []).filter((n) => !(danger && n.code === 'numeros-urgence'));
  const byGroup = new Map<Group, Recommendation[]>();
  for (const rec of recs) byGroup.set(rec.group, [...(byGroup.get(rec.group) ?? []), rec]);
  const mapItems: ActorListItem[] = recs
    .map((x) => x.actor as PublicActor)
    .filter((a) => a.territory.scope !== 'national' && a.sites.length > 0);

  function selectOnMap(actorId: number) {
    setHighlighted(actorId);
    const card = document.getElementById(`orientation-${actorId}`);
    card?.scrollIntoView({ block: 'center' });
    card?.querySelector<HTMLElement>('a, button')?.focus({ preventScroll: true });
  }

  return (
    <section className="orientation-results" aria-labelledby="orientation-resultats">
      <h2 id="orientation-resultats" ref={headingRef} tabIndex={-1}>
        {r.heading}
      </h2>
      <p className="notice__actions">
        <button type="button" className="button button--secondary" onClick={onEdit}>
          {t.page.editAnswers}
        </button>
        <button type="button" className="button button--link" onClick={onRestart}>
          {t.page.restart}
        </button>
      </p>
      {query.isPending && (
        <p className="notice" role="status">
          {r.loading}
        </p>
      )}
      {query.isError && (
        <RetryableError title={r.errorTitle} error={query.error} retryLabel={r.retry} onRetry={() => void query.refetch()} />
      )}
      {query.data && (
        <>
          <p role="status">{r.count(recs.length)}</p>
          {RECOMMENDATION_GROUPS.filter((g) => byGroup.has(g)).map((g) => (
            <section
              key={g}
              className={`result-block${g === 'national' ? ' result-block--national' : ''}`}
              aria-labelledby={`orientation-groupe-${g}`}
            >
              <h3 id={`orientation-groupe-${g}`} className="result-block__title">
                {r.groups[g]}
              </h3>
              <ul className="result-list">
                {(byGroup.get(g) ?? []).map((rec) => (
                  <RecommendationCard key={rec.actor.id} rec={rec} answers={answers} highlighted={highlighted === rec.actor.id} />
                ))}
              </ul>
            </section>
          ))}
          <Notices notices={notices} />

          <section className="notice orientation-team" aria-labelledby="orientation-equipe">
            <h3 id="orientation-equipe">{r.noneFitsHeading}</h3>
            <p>{r.noneFitsText}</p>
            <p>
              <button
                type="button"
                className="button button--secondary"
                aria-expanded={teamForm}
                aria-controls="orientation-equipe-form"
                onClick={() => setTeamForm((o) => !o)}
              >
                {teamForm ? r.closeForm : r.noneFitsButton}
              </button>
            </p>
            <div id="orientation-equipe-form" hidden={!teamForm}>
              {teamForm && <ContactRequestForm {...answeredBefore(answers)} />}
            </div>
          </section>

          {mapItems.length > 0 && (
            <section className="orientation-map" aria-label={r.showMap}>
              <p>
                <button type="button" className="button button--secondary" aria-expanded={showMap} onClick={() => setShowMap((s) => !s)}>
                  {showMap ? r.hideMap : r.showMap}
                </button>
              </p>
              {showMap && (
                <>
                  <p className="field__hint">{r.mapNote}</p>
                  <LazySearchMap
                    loading={r.mapLoading}
                    frameClassName="orientation-map__frame"
                    items={mapItems}
                    place={null}
                    searchKey={JSON.stringify(input)}
                    highlightedId={highlighted}
                    onHover={setHighlighted}
                    onSelect={selectOnMap}
                  />
                </>
              )}
            </section>
          )}
        </>
      )}
    </section>
  );
}
