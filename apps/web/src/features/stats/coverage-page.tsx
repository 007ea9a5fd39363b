import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frStats } from '../../i18n/fr.stats.ts';
import { AdminLayout } from '../admin/admin-layout.tsx';
import { CoverageView } from './coverage.tsx';

/** `/admin/couverture`: the team's view of the network (issue 19). */
export function CoveragePage() {
  useDocumentTitle(frStats.title);
  return (
    <AdminLayout>
      {() => (
        <>
          <h1>{frStats.title}</h1>
          <p>{frStats.intro}</p>
          <CoverageView />
        </>
      )}
    </AdminLayout>
  );
}
