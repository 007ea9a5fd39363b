/**
 * The orientation: four questions one at a time (who, where, what, how urgent), then whom to contact
 * and why. When someone is in danger, the emergency numbers come first, before anything else.
 * `?acteur=<slug>` opens the contact form for that actor first.
 */
import { useQuery } from '@tanstack/react-query';
import { ErrorMessage } from '../../components/error-message.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frOrientation } from '../../i18n/fr.orientation.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { actorQuery } from '../actor/queries.ts';
import { ContactRequestForm } from './contact-request-form.tsx';
import './orientation.css';
import { OrientationQuestions } from './questions.tsx';

const t = frOrientation;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * `/orientation?acteur=<slug>` (the « Demander à être mis en relation » button of an actor's page):
 * the contact form for that actor first, the four questions one click away.
 */
function ActorContact({ slug }: { slug: string }) {
  const actor = useQuery(actorQuery(slug));
  const f = t.forActor;
  useDocumentTitle(actor.data ? frOrientation.form.headingFor(actor.data.name) : t.page.title);
  return (
    <div className="narrow-page orientation">
      <PageIntro as="div" heading={actor.data ? frOrientation.form.headingFor(actor.data.name) : frOrientation.form.heading}>
        <p>
          <Link href={`/acteurs/${slug}`}>{f.back}</Link>
        </p>
      </PageIntro>
      {actor.isPending && <p role="status">{f.loading}</p>}
      {actor.isError && <ErrorMessage error={actor.error} />}
      {actor.data && (
        <ContactRequestForm actor={slug} actorName={actor.data.name} headingLevel={2} heading={frOrientation.form.yourRequest} />
      )}
      <p className="orientation-team">
        <button type="button" className="button button--link" onClick={() => navigate('/orientation')}>
          {f.orQuestions}
        </button>
      </p>
    </div>
  );
}

export function OrientationPage() {
  const acteur = new URLSearchParams(useLocation().search).get('acteur');
  if (acteur && SLUG.test(acteur)) return <ActorContact key={acteur} slug={acteur} />;
  return <OrientationQuestions />;
}
