/**
 * The national pages: `ProtocolsPage` lists every territorial protocol by département (a model
 * for other territories); `DepartementsPage` lists every département with its local actors and
 * protocols counted, each linked to its page.
 */

import type { PublicProtocol } from '@pare/schema';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frResources } from '../../i18n/fr.resources.ts';
import { frStats } from '../../i18n/fr.stats.ts';
import { Link } from '../../lib/router.tsx';
import { CoverageView } from '../stats/coverage.tsx';
import { departementsQuery, protocolsQuery } from './queries.ts';
import { ProtocolCard } from './resource-card.tsx';

function byDepartement(items: PublicProtocol[]): [{ code: string; name: string }, PublicProtocol[]][] {
  const groups = new Map<string, [{ code: string; name: string }, PublicProtocol[]]>();
  for (const p of items) {
    const d = p.departements[0];
    if (!d) continue;
    const group = groups.get(d.code) ?? [d, []];
    group[1].push(p);
    groups.set(d.code, group);
  }
  return [...groups.values()];
}

export function ProtocolsPage() {
  const t = frResources.protocols;
  const query = useQuery(protocolsQuery());
  useDocumentTitle(t.pageTitle);
  return (
    <div className="protocols-page">
      <PageIntro heading={t.heading} intro={t.intro} />
      {query.isPending && <p className="notice">{t.loading}</p>}
      {query.isError && <ErrorMessage title={t.errorTitle} error={query.error} />}
      {query.data && query.data.total === 0 && <p className="notice">{t.none}</p>}
      {query.data &&
        byDepartement(query.data.items).map(([d, protocols]) => (
          <section key={d.code} aria-labelledby={`dep-${d.code}`}>
            <h2 id={`dep-${d.code}`}>
              {d.name} ({d.code})
            </h2>
            <p>
              <Link href={`/departements/${d.code}`}>{t.departementLink(d.name)}</Link>
            </p>
            {protocols.map((p) => (
              <ProtocolCard key={p.slug} protocol={p} headingLevel={3} />
            ))}
          </section>
        ))}
    </div>
  );
}

export function DepartementsPage() {
  const t = frResources.protocols;
  const query = useQuery(departementsQuery());
  const [onlyProtocols, setOnlyProtocols] = useState(false);
  useDocumentTitle(t.departementsHeading);
  const items = (query.data?.items ?? []).filter((d) => !onlyProtocols || d.has_protocol);
  return (
    <div className="departements-page">
      <PageIntro heading={t.departementsHeading} intro={t.departementsIntro}>
        <p>
          <Link href="/protocoles">{t.heading}</Link>
        </p>
      </PageIntro>
      <section aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">{frStats.publicTitle}</h2>
        <CoverageView />
      </section>
      <p className="field field--inline">
        <label>
          <input type="checkbox" checked={onlyProtocols} onChange={(e) => setOnlyProtocols(e.target.checked)} /> {t.withProtocolOnly}
        </label>
      </p>
      {query.isPending && <p className="notice">{t.loading}</p>}
      {query.isError && <ErrorMessage title={t.errorTitle} error={query.error} />}
      {query.data && (
        <div className="table-scroll">
          <table className="data-table data-table--compact">
            <caption className="visually-hidden">{t.departementsIntro}</caption>
            <thead>
              <tr>
                <th scope="col">{t.tableDepartement}</th>
                <th scope="col" className="data-table__secondary">
                  {t.tableRegion}
                </th>
                <th scope="col" className="num">
                  {t.tableActors}
                </th>
                <th scope="col" className="num">
                  {t.tableProtocols}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.code}>
                  <th scope="row">
                    <Link href={`/departements/${d.code}`}>
                      {d.name} ({d.code})
                    </Link>
                  </th>
                  <td className="data-table__secondary">{d.region.name}</td>
                  <td className="num">{d.actors}</td>
                  <td className="num">{d.protocols}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
