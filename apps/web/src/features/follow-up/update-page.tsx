/**
 * `/mise-a-jour/<jeton>`: a structure checks its public entry, as the public sees it, and answers
 * « Rien n'a changé » in one click or proposes corrections in a pre-filled form (only the changed
 * fields are sent; the team reviews them). No account.
 */
import { ACTION_LABELS, ACTOR_TYPE_LABELS, PUBLIC_LABELS } from '@pare/schema/codes';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { ListEntry } from '../../components/list-or.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frFollowUp } from '../../i18n/fr.follow-up.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { CorrectionsForm } from './corrections-form.tsx';
import { LinkRefused } from './link-refused.tsx';
import type { UpdateLinkInput, UpdateLinkView } from './queries.ts';
import { sendUpdate, updateQuery } from './queries.ts';
import './follow-up.css';

const t = frFollowUp.update;

function EntryView({ actor }: { actor: UpdateLinkView['actor'] }) {
  return (
    <section className="follow-up__panel" aria-labelledby="fiche-actuelle">
      <h2 id="fiche-actuelle">{t.entryHeading}</h2>
      <dl className="follow-up__fields follow-up__fields--stacked">
        <dt>{t.name}</dt>
        <dd className="follow-up__entry-name">{actor.name}</dd>
        <dt>{t.type}</dt>
        <dd>{ACTOR_TYPE_LABELS[actor.type] ?? actor.type}</dd>
        <dt>{t.description}</dt>
        <dd className="follow-up__message">{actor.description || t.noDescription}</dd>
        <dt>{t.publics}</dt>
        <dd>{actor.publics.map((p) => PUBLIC_LABELS[p] ?? p).join(', ') || '—'}</dd>
        <ListEntry
          term={t.actions}
          items={actor.actions.map((a) => <li key={a}>{ACTION_LABELS[a] ?? a}</li>)}
          none="—"
          className="follow-up__list"
        />
        <ListEntry
          term={t.contacts}
          items={actor.contacts.map((c) => (
            <li key={`${c.kind}:${c.value}`}>
              {t.contactKinds[c.kind] ?? c.kind} : <span className="follow-up__value">{c.value}</span>
              {c.label && ` — ${c.label}`}
              {c.professional_only && ` ${t.professionalOnly}`}
            </li>
          ))}
          none={t.noContact}
          className="follow-up__list"
        />
        <ListEntry
          term={t.sites}
          items={actor.sites.map((s) => (
            <li key={s.id}>
              {s.label && <strong>{s.label} — </strong>}
              {s.confidential
                ? `${s.commune?.name ?? ''} · ${t.confidential}`
                : [s.address, [s.postcode, s.commune?.name].filter(Boolean).join(' ')].filter(Boolean).join(', ')}
            </li>
          ))}
          none={t.noSite}
          className="follow-up__list"
        />
      </dl>
      <p className="follow-up__note">
        {actor.provenance.last_verified_at ? t.lastVerified(formatDate(actor.provenance.last_verified_at)) : t.neverVerified}
      </p>
    </section>
  );
}

function Done({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} className="follow-up__done" role="status" tabIndex={-1}>
      <h2 className="follow-up__done-title">{t.doneHeading}</h2>
      <p>{message}</p>
    </div>
  );
}

function Update({ token, view }: { token: string; view: UpdateLinkView }) {
  const [proposing, setProposing] = useState(false);
  const mutation = useMutation({ mutationFn: (input: UpdateLinkInput) => sendUpdate(token, input) });
  const formHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (proposing) formHeading.current?.focus();
  }, [proposing]);

  const sent = mutation.data;
  // A refused link after opening (answered from another tab, entry withdrawn): the page for it.
  if (mutation.error instanceof ApiRequestError && (mutation.error.status === 404 || mutation.error.status === 410)) {
    return <LinkRefused link="update" error={mutation.error} onRetry={() => mutation.reset()} />;
  }
  return (
    <div className="follow-up narrow-page">
      <div className="page-intro">
        <p className="follow-up__kicker">{t.campaign(view.campaign.title)}</p>
        <h1 tabIndex={-1} data-page-heading>
          {t.heading(view.actor.name)}
        </h1>
        <p>{t.intro}</p>
      </div>
      <p className="follow-up__note">{t.validUntil(formatDate(view.expires_at))}</p>
      <EntryView actor={view.actor} />

      <section className="follow-up__panel follow-up__answers" aria-labelledby="votre-choix">
        <h2 id="votre-choix">{t.choiceHeading}</h2>
        {sent ? (
          <Done message={sent.result === 'confirmee' ? t.doneConfirmed : sent.message} />
        ) : (
          <>
            <ul className="follow-up__choices">
              <li>
                <button
                  type="button"
                  className="button button--primary follow-up__choice"
                  disabled={mutation.isPending}
                  aria-describedby="rien-change-aide"
                  onClick={() => mutation.mutate({ action: 'rien-na-change' })}
                >
                  {mutation.isPending && mutation.variables?.action === 'rien-na-change' ? t.sending : t.nothingChanged}
                </button>
                <span id="rien-change-aide" className="follow-up__choice-hint">
                  {t.nothingChangedHint}
                </span>
              </li>
              <li>
                <button
                  type="button"
                  className="button button--secondary follow-up__choice"
                  aria-expanded={proposing}
                  aria-controls="corrections"
                  aria-describedby="corrections-aide"
                  onClick={() => setProposing(true)}
                >
                  {t.propose}
                </button>
                <span id="corrections-aide" className="follow-up__choice-hint">
                  {t.proposeHint}
                </span>
              </li>
            </ul>
            {mutation.isError && mutation.variables?.action === 'rien-na-change' && <ErrorMessage error={mutation.error} />}
          </>
        )}
      </section>

      {proposing && !sent && (
        <section id="corrections" className="follow-up__panel" aria-labelledby="vos-corrections">
          <h2 id="vos-corrections" ref={formHeading} tabIndex={-1}>
            {t.formHeading}
          </h2>
          <CorrectionsForm
            actor={view.actor}
            pending={mutation.isPending}
            error={mutation.variables?.action === 'corrections' ? mutation.error : null}
            onSubmit={(input) => mutation.mutate(input)}
            onCancel={() => setProposing(false)}
          />
        </section>
      )}
    </div>
  );
}

export function UpdatePage({ token }: { token: string }) {
  const query = useQuery(updateQuery(token));
  useDocumentTitle(frFollowUp.update.title);
  if (query.isPending) return <p role="status">{frFollowUp.link.loading}</p>;
  if (query.isError) return <LinkRefused link="update" error={query.error} onRetry={() => void query.refetch()} />;
  return <Update token={token} view={query.data} />;
}
