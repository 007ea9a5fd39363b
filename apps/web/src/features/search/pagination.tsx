import { fr } from '../../i18n/fr.ts';
import { Link } from '../../lib/router.tsx';
import { type SearchState, toPageHref } from './search-state.ts';

export function Pagination({ state, total, perPage }: { state: SearchState; total: number; perPage: number }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  const page = Math.min(state.page, pages);
  return (
    <nav className="pagination" aria-label={fr.pagination.label}>
      {page > 1 ? (
        <Link href={toPageHref({ ...state, page: page - 1 })} rel="prev">
          <span aria-hidden="true">← </span>
          {fr.pagination.previous}
        </Link>
      ) : (
        <span />
      )}
      <p>{fr.pagination.status(page, pages)}</p>
      {page < pages ? (
        <Link href={toPageHref({ ...state, page: page + 1 })} rel="next">
          {fr.pagination.next}
          <span aria-hidden="true"> →</span>
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
