/**
 * A relais reading an entry it may not edit: the regional and national entries that cover its
 * départements, as a verified professional sees them, with the sentence that says why it is
 * read-only. Shown by the edit page instead of the form (issue 17, item 8); never a form.
 */
import { ACTION_LABELS, ACTOR_TYPE_LABELS, PUBLIC_LABELS, type PublicActor, TERRITORY_SCOPE_LABELS } from '@pare/schema';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ListEntry } from '../../components/list-or.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frCurationFollow } from '../../i18n/fr.curation-follow.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import './curation-follow.css';
import { EntryReadError } from './admin-layout.tsx';
import { type ReadOnlyActor, readOnlyActorQuery } from './queries.ts';

const t = frCurationFollow.readOnly;

function territoryOf(a: PublicActor): string {
  const tr = a.territory;
  if (tr.scope === 'national') return t.national;
  const places = [...tr.regions, ...tr.departements, ...tr.communes].map((p) => p.name).join(', ');
  return `${TERRITORY_SCOPE_LABELS[tr.scope]}${places ? ` : ${places}` : ''}`;
}

/** The entry, read-only, with why. A refusal (another département, another région) says so before any form. */
export function ActorReadOnly({ id }: { id: number }) {
  return <ReadOnlyBody read={useQuery(readOnlyActorQuery(id))} />;
}

/** One observer of the query only: a second one mounting on an error would ask again, and again. */
function ReadOnlyBody({ read }: { read: UseQueryResult<ReadOnlyActor> }) {
  useDocumentTitle(read.data ? read.data.actor.name : frAdmin.edit.titleNew);
  if (read.isPending) return <p role="status">{frAdmin.common.loading}</p>;
  if (read.isError) {
    return (
      <EntryReadError
        heading={t.badge}
        error={read.error}
        expected={{ status: 403, notice: t.refused }}
        back={{ href: '/admin/acteurs', label: t.backToList }}
      />
    );
  }
  const { actor: a, reason, status } = read.data;
  return (
    <div className="admin-page">
      <h1 data-page-heading tabIndex={-1}>
        {a.name} <span className="badge badge--archived">{t.badge}</span>
      </h1>
      {reason && (
        <section className="notice" aria-labelledby="read-only-why">
          <h2 id="read-only-why" className="notice__title">
            {t.heading}
          </h2>
          <p>{reason}</p>
          {status === 'published' && (
            <p className="notice__actions">
              <Link href={`/acteurs/${a.slug}`}>{t.publicPage}</Link>
              <Link href={`/signaler?acteur=${encodeURIComponent(a.slug)}`}>{t.report}</Link>
            </p>
          )}
        </section>
      )}
      <dl className="admin-read-only">
        <dt>{t.type}</dt>
        <dd>{ACTOR_TYPE_LABELS[a.type]}</dd>
        <dt>{t.territory}</dt>
        <dd>{territoryOf(a)}</dd>
        <dt>{t.publics}</dt>
        <dd>{a.publics.map((p) => PUBLIC_LABELS[p]).join(', ') || frAdmin.common.none}</dd>
        <dt>{t.actions}</dt>
        <dd>{a.actions.map((x) => ACTION_LABELS[x]).join(', ') || frAdmin.common.none}</dd>
        <ListEntry
          term={t.contacts}
          items={a.contacts.map((c) => (
            <li key={`${c.kind}-${c.value}`}>
              {c.label ? `${c.label} : ` : ''}
              {c.value}
              {c.professional_only ? ` (${t.professional})` : ''}
            </li>
          ))}
          none={frAdmin.common.none}
        />
        <ListEntry
          term={t.sites}
          items={a.sites.map((s) => (
            <li key={s.id}>
              {s.confidential
                ? t.confidentialSite(s.commune?.name ?? s.departement?.name ?? '')
                : [s.label, s.address, s.postcode, s.commune?.name].filter(Boolean).join(', ')}
            </li>
          ))}
          none={frAdmin.common.none}
        />
        <dt>{t.verified}</dt>
        <dd>
          {a.provenance.last_verified_at ? formatDate(a.provenance.last_verified_at) : frAdmin.common.never}
          {a.provenance.verified_by ? ` — ${a.provenance.verified_by}` : ''}
        </dd>
      </dl>
      <h2>{t.description}</h2>
      <p className="admin-read-only__description">{a.description}</p>
    </div>
  );
}

/**
 * The edit page for a relais: the read-only view first asks whether this entry is theirs; the form
 * (`editable`) appears only when it is, so an entry outside their départements is refused — or
 * shown read-only — before anything is typed.
 */
export function RelaisActorGate({ id, editable }: { id: number; editable: ReactNode }) {
  const read = useQuery(readOnlyActorQuery(id));
  if (read.isPending) return <p role="status">{frAdmin.common.loading}</p>;
  if (read.data?.editable) return <>{editable}</>;
  return <ReadOnlyBody read={read} />;
}

/** Above a relais's new-entry form: which entries they may create, said before they type. */
export function RelaisScopeNotice({ departements }: { departements: readonly string[] }) {
  return <p className="notice">{frCurationFollow.relaisNew(departements.join(', '))}</p>;
}
