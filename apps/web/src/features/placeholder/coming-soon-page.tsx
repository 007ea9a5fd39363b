/** `/orientation` and `/signaler`: the forms come later; until then, say so and offer the way back. */
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { fr } from '../../i18n/fr.ts';
import { Link, useLocation } from '../../lib/router.tsx';

export function ComingSoonPage({ kind }: { kind: 'orientation' | 'report' }) {
  const location = useLocation();
  const slug = new URLSearchParams(location.search).get('acteur');
  const validSlug = slug && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) ? slug : null;
  const title = kind === 'orientation' ? fr.placeholder.orientationTitle : fr.placeholder.reportTitle;
  useDocumentTitle(title);
  return (
    <div className="narrow-page">
      <h1 tabIndex={-1} data-page-heading>
        {title}
      </h1>
      <p>{fr.placeholder.soon}</p>
      <p>{fr.placeholder.meanwhile}</p>
      <p>{validSlug ? <Link href={`/acteurs/${validSlug}`}>{fr.placeholder.back}</Link> : <Link href="/">{fr.notFound.home}</Link>}</p>
    </div>
  );
}
