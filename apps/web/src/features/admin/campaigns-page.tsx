/** `/admin/campagnes` — the freshness campaigns: launch one (stale, a département, a type, all) and follow each. */
import { ACTOR_TYPE_LABELS, ACTOR_TYPES, type ActorType } from '@pare/schema/codes';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { SubmitButton } from '../../components/form-parts.tsx';
import { frFollowUp } from '../../i18n/fr.follow-up.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { AdminPageFrame } from './admin-layout.tsx';
import { AdminTable } from './admin-table.tsx';
import { campaignKeys, campaignsQuery, type LaunchCampaignInput, launchCampaign } from './campaign-queries.ts';
import { FieldError, SelectField, TextField } from './fields.tsx';
import { errorsAt } from './form-errors.ts';
import { useCreateThenOpen } from './use-create-then-open.ts';

const t = frFollowUp.campaigns;
/** The campaign's counts, one column each, in the table's order. */
const COUNT_COLUMNS = [
  ['sent', t.columns.sent],
  ['opened', t.columns.opened],
  ['confirmed', t.columns.confirmed],
  ['corrected', t.columns.corrected],
  ['no_answer', t.columns.noAnswer],
  ['without_referent', t.columns.withoutReferent],
] as const;
type Kind = 'stale' | 'departement' | 'type' | 'all';
const KINDS: readonly Kind[] = ['stale', 'departement', 'type', 'all'];
const TYPE_OPTIONS = ACTOR_TYPES.map((c) => [c, ACTOR_TYPE_LABELS[c]] as const);
const DEPARTEMENT = /^(\d{2}|2[AB]|97[1-6])$/;

function LaunchForm() {
  const base = useId().replace(/:/g, '');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<Kind>('stale');
  const [departement, setDepartement] = useState('');
  const [type, setType] = useState<ActorType>(ACTOR_TYPES[0]);
  const [missing, setMissing] = useState(false);
  const { mutation: launch, errors } = useCreateThenOpen({
    create: launchCampaign,
    listKey: campaignKeys.all,
    detailKey: campaignKeys.detail,
    pathOf: (id) => `/admin/campagnes/${id}`,
  });
  const dep = departement.trim().toUpperCase();
  const depErrors = [...(missing ? [t.departementMissing] : []), ...errorsAt(errors, 'selection.departement')];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (launch.isPending) return;
    const needsDep = kind === 'departement';
    if ((needsDep && !dep) || (dep && !DEPARTEMENT.test(dep))) {
      setMissing(true);
      document.getElementById(`${base}-dep`)?.focus();
      return;
    }
    setMissing(false);
    const selection: LaunchCampaignInput['selection'] =
      kind === 'all'
        ? { kind: 'all' }
        : kind === 'departement'
          ? { kind: 'departement', departement: dep }
          : kind === 'type'
            ? { kind: 'type', type, ...(dep ? { departement: dep } : {}) }
            : { kind: 'stale', ...(dep ? { departement: dep } : {}) };
    launch.mutate({ ...(title.trim() ? { title: title.trim() } : {}), selection });
  }

  return (
    <section className="follow-up-admin__launch" aria-labelledby={`${base}-heading`}>
      <h2 id={`${base}-heading`}>{t.launchHeading}</h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        <TextField
          id={`${base}-title`}
          label={t.titleLabel}
          hint={t.titleHint}
          value={title}
          errors={errorsAt(errors, 'title')}
          onChange={setTitle}
        />
        <fieldset>
          <legend>{t.selectionLegend}</legend>
          {KINDS.map((k) => (
            <label key={k} className="admin-checkbox">
              <input type="radio" name={`${base}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>
                {t.kinds[k].label}
                <span className="field__hint"> — {t.kinds[k].hint}</span>
              </span>
            </label>
          ))}
          <FieldError id={`${base}-kind-error`} messages={[...(errors.get('selection') ?? []), ...(errors.get('selection.kind') ?? [])]} />
        </fieldset>
        {kind === 'type' && (
          <SelectField
            id={`${base}-type`}
            label={t.type}
            value={type}
            options={TYPE_OPTIONS}
            errors={errorsAt(errors, 'selection.type')}
            onChange={(v) => setType(v as ActorType)}
          />
        )}
        {kind !== 'all' && (
          <div className="campaign-short">
            <TextField
              id={`${base}-dep`}
              label={kind === 'departement' ? t.departement : t.departementOptional}
              hint={t.departementHint}
              value={departement}
              errors={depErrors}
              onChange={(v) => {
                setMissing(false);
                setDepartement(v);
              }}
            />
          </div>
        )}
        {launch.isError && !(launch.error instanceof ApiRequestError && launch.error.issues.length > 0) && (
          <ErrorMessage error={launch.error} />
        )}
        <p className="admin-actions">
          <SubmitButton pending={launch.isPending} label={t.launch} busy={t.launching} />
        </p>
      </form>
    </section>
  );
}

function CampaignList() {
  const list = useQuery(campaignsQuery());
  if (list.isPending) return <p role="status">{t.loading}</p>;
  if (list.isError) return <ErrorMessage error={list.error} />;
  const items = list.data.items;
  return (
    <section aria-labelledby="campagnes-lancees">
      <h2 id="campagnes-lancees">{t.listHeading}</h2>
      {items.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <AdminTable
          columns={[t.columns.campaign, t.columns.launched, ...COUNT_COLUMNS.map(([, label]) => ({ label, className: 'num' }))]}
          caption={t.listHeading}
        >
          {items.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link href={`/admin/campagnes/${c.id}`}>{c.title || t.untitled}</Link>
              </th>
              <td>
                {formatDate(c.created_at)}
                <br />
                <span className="field__hint">{c.created_by}</span>
              </td>
              {COUNT_COLUMNS.map(([key]) => (
                <td key={key} className="num">
                  {c.counts[key]}
                </td>
              ))}
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

export function CampaignsPage() {
  return (
    <AdminPageFrame title={t.title} className="admin-page">
      <div>
        <h1 data-page-heading tabIndex={-1}>
          {t.heading}
        </h1>
        <p>{t.intro}</p>
      </div>
      <CampaignList />
      <LaunchForm />
    </AdminPageFrame>
  );
}
