/** Emergency numbers, at the top of every public page. */
import { fr } from '../i18n/fr.ts';

export function EmergencyBanner() {
  const t = fr.emergency;
  return (
    <aside className="emergency" aria-label={t.label}>
      <p>
        <strong>{t.intro}</strong> {t.call}{' '}
        <a href="tel:17" aria-label={t.call17}>
          17
        </a>{' '}
        {t.or}{' '}
        <a href="tel:112" aria-label={t.call112}>
          112
        </a>
        <span aria-hidden="true"> — </span>
        <span className="emergency__part">
          {t.sms}{' '}
          <a href="sms:114" aria-label={t.sms114}>
            114
          </a>
        </span>
        <span aria-hidden="true"> — </span>
        <span className="emergency__part">
          <strong>{t.child}</strong>{' '}
          <a href="tel:119" aria-label={t.call119}>
            119
          </a>
          , {t.childDetail}
        </span>
      </p>
    </aside>
  );
}
