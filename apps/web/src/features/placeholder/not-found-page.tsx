import { useDocumentTitle } from '../../components/use-document-title.ts';
import { fr } from '../../i18n/fr.ts';
import { Link } from '../../lib/router.tsx';

export function NotFoundPage() {
  useDocumentTitle(fr.notFound.title);
  return (
    <div className="narrow-page">
      <h1 tabIndex={-1} data-page-heading>
        {fr.notFound.title}
      </h1>
      <p>{fr.notFound.text}</p>
      <p>
        <Link href="/">{fr.notFound.home}</Link>
      </p>
    </div>
  );
}
