/**
 * `/admin/import` — a curator imports a file: a dry run first (nothing written), its report
 * (counts, rejected rows with their reasons, downloadable as a CSV to fix), then the real import,
 * with links to the entries it created and updated, which can be undone. A template CSV with the
 * French column titles to start from. The file goes as the request body of `POST /api/admin/import`
 * (docs/import.md).
 */
import type { ImportFormat, ImportReport } from '@pare/schema';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { ActionButton, HintedField } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frCurationFollow } from '../../i18n/fr.curation-follow.ts';
import { toApiRequestError } from '../../lib/api.ts';
import { client, read } from '../../lib/client.ts';
import { Link } from '../../lib/router.tsx';
import { AdminPage } from './admin-layout.tsx';
import { AdminTable } from './admin-table.tsx';
import './curation-follow.css';

const t = frAdmin.import;
const tf = frCurationFollow.import;
/** Links listed per kind (created, updated) under the report; the rest is counted. */
const LINKS_SHOWN = 50;
const CONTENT_TYPE: Record<ImportFormat, string> = { csv: 'text/csv', 'data-inclusion': 'application/json' };

const formatOf = (file: File): ImportFormat => (/\.json$/i.test(file.name) ? 'data-inclusion' : 'csv');

function sendFile(file: File, format: ImportFormat, dryRun: boolean) {
  // The file's own type is often empty or wrong (a CSV from Windows is « application/vnd.ms-excel »): the format says.
  const body = file.slice(0, file.size, CONTENT_TYPE[format]);
  // The real import lists every row (up to 1,000) so the page can link to what it created and updated.
  // `POST /admin/import` takes the file as its raw body (not a form): given as the request's own.
  const query = { format, dry_run: dryRun, details: dryRun ? ('rejected' as const) : ('auto' as const) };
  return read(client.admin.import.$post({ query }, { headers: { 'Content-Type': body.type }, init: { body } }));
}

/** The refused lines of `file` as a CSV (its columns and a « motif »), saved by the browser. */
async function downloadRejected(file: File, csrf: string): Promise<void> {
  const res = await fetch('/api/admin/import/rejected', {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': csrf, Accept: 'text/csv' },
    credentials: 'same-origin',
    body: file.slice(0, file.size, 'text/csv'),
  });
  if (!res.ok) throw toApiRequestError(res.status, await res.json().catch(() => null));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${file.name.replace(/\.[^.]+$/, '')}-lignes-refusees.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** After a real import: each created and updated entry, a link to its page in the back office. */
function WrittenEntries({ report }: { report: ImportReport }) {
  const created = report.rows.filter((r) => r.action === 'created' && r.id !== undefined);
  const updated = report.rows.filter((r) => r.action === 'updated' && r.id !== undefined);
  const list = (rows: typeof created, total: number, heading: string, key: string) =>
    total > 0 && (
      <section aria-labelledby={`import-${key}`}>
        <h3 id={`import-${key}`}>{heading}</h3>
        <ul className="admin-import-links">
          {rows.slice(0, LINKS_SHOWN).map((r) => (
            <li key={r.id}>
              <Link href={`/admin/acteurs/${r.id}`}>{r.slug ?? `#${r.id}`}</Link> <span className="field__hint">({tf.line(r.row)})</span>
            </li>
          ))}
        </ul>
        {total > Math.min(rows.length, LINKS_SHOWN) && <p>{tf.more(total - Math.min(rows.length, LINKS_SHOWN))}</p>}
      </section>
    );
  return (
    <>
      {list(created, report.summary.created, tf.created(report.summary.created), 'created')}
      {list(updated, report.summary.updated, tf.updated(report.summary.updated), 'updated')}
    </>
  );
}

function Report({ report, file, csrf }: { report: ImportReport; file: File | null; csrf: string }) {
  const rejected = report.rows.filter((r) => r.action === 'rejected');
  const download = useMutation({ mutationFn: () => downloadRejected(file as File, csrf) });
  return (
    <section aria-labelledby="import-report" className="notice">
      <h2 id="import-report" className="notice__title">
        {report.dry_run ? t.dryRunHeading : t.doneHeading}
      </h2>
      <p role="status">{t.summary(report.summary)}</p>
      <p>{t.readAs(report.encoding, report.delimiter)}</p>
      {report.ignored_columns.length > 0 && <p>{t.ignored(report.ignored_columns.join(', '))}</p>}
      {report.warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
      {report.import_id && <p>{t.importId(report.import_id)}</p>}
      {!report.dry_run && <WrittenEntries report={report} />}
      {rejected.length > 0 && (
        <>
          <h3>{t.rejectedHeading}</h3>
          {report.format === 'csv' && file && (
            <>
              <p className="field__hint">{tf.downloadRejectedHint}</p>
              <p>
                <ActionButton
                  secondary
                  pending={download.isPending}
                  label={tf.downloadRejected}
                  busy={tf.downloading}
                  onClick={() => download.mutate()}
                />
              </p>
              {download.isError && <ErrorMessage error={download.error} />}
            </>
          )}
          <AdminTable columns={[t.line, t.field, t.reason]}>
            {rejected.flatMap((r) =>
              (r.issues ?? []).map((issue, i) => (
                <tr key={`${r.row}-${issue.field}-${i}`}>
                  <td>{r.row}</td>
                  <td>{issue.field}</td>
                  <td>{issue.message}</td>
                </tr>
              )),
            )}
          </AdminTable>
        </>
      )}
      {report.rows_omitted > 0 && rejected.length > 0 && <p>{t.omitted(report.rows_omitted)}</p>}
    </section>
  );
}

function ImportForm({ csrf }: { csrf: string }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [missing, setMissing] = useState(false);
  const importFile = useMutation({ mutationFn: ({ dryRun }: { dryRun: boolean }) => sendFile(file as File, format, dryRun) });
  const revert = useMutation({
    mutationFn: (importId: string) =>
      read(client.admin.import[':importId'].revert.$post({ param: { importId: encodeURIComponent(importId) }, query: {} })),
  });
  const report = importFile.data;

  const start = (dryRun: boolean) => {
    if (!file) {
      setMissing(true);
      return;
    }
    revert.reset();
    importFile.mutate({ dryRun });
  };

  return (
    <>
      <p>{t.intro}</p>
      <p>
        <a href="/api/admin/import/modele.csv" download="modele-import-pare.csv">
          {tf.template}
        </a>
      </p>
      <p className="field__hint">{tf.templateHint}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start(true);
        }}
      >
        <HintedField id={`${id}-file`} hintId={`${id}-file-hint`} label={t.file} hint={t.fileHint}>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            aria-describedby={`${id}-file-hint${missing ? ` ${id}-file-error` : ''}`}
            aria-invalid={missing || undefined}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setMissing(false);
              if (chosen) setFormat(formatOf(chosen));
              importFile.reset();
              revert.reset();
            }}
          />
          {missing && (
            <p id={`${id}-file-error`} className="field__error">
              {t.noFile}
            </p>
          )}
        </HintedField>
        <fieldset className="field">
          <legend>{t.format}</legend>
          {(['csv', 'data-inclusion'] as const).map((f) => (
            <label key={f} className="admin-checkbox">
              <input type="radio" name={`${id}-format`} value={f} checked={format === f} onChange={() => setFormat(f)} /> {t.formats[f]}
            </label>
          ))}
        </fieldset>
        <p>
          <button type="submit" className="button" disabled={importFile.isPending}>
            {t.dryRun}
          </button>{' '}
          {report?.dry_run && report.summary.created + report.summary.updated > 0 && (
            <button type="button" className="button button--secondary" disabled={importFile.isPending} onClick={() => start(false)}>
              {t.run}
            </button>
          )}
        </p>
      </form>
      {importFile.isPending && <p role="status">{t.running}</p>}
      {importFile.isError && <ErrorMessage error={importFile.error} />}
      {report && <Report report={report} file={file} csrf={csrf} />}
      {report?.import_id && !revert.isSuccess && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={revert.isPending}
            onClick={() => {
              if (window.confirm(t.confirmRevert)) revert.mutate(report.import_id as string);
            }}
          >
            {revert.isPending ? t.reverting : t.revert}
          </button>
        </p>
      )}
      {revert.isError && <ErrorMessage error={revert.error} />}
      {revert.data && (
        <section aria-labelledby="import-revert" className="notice">
          <h2 id="import-revert" className="notice__title">
            {t.revert}
          </h2>
          <p role="status">{t.reverted(revert.data.summary)}</p>
          {revert.data.actors.some((a) => a.action === 'skipped') && (
            <>
              <h3>{t.skippedHeading}</h3>
              <ul>
                {revert.data.actors
                  .filter((a) => a.action === 'skipped')
                  .map((a) => (
                    <li key={a.id}>
                      {a.slug} : {a.reason}
                    </li>
                  ))}
              </ul>
            </>
          )}
        </section>
      )}
    </>
  );
}

export function AdminImportPage() {
  useDocumentTitle(t.title);
  return <AdminPage heading={t.title}>{(session) => <ImportForm csrf={session.csrf_token} />}</AdminPage>;
}
