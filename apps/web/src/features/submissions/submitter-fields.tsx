/** What every public submission ends with: who is asking (to answer them), their consent, and a field only robots fill. */
import { frAdmin } from '../../i18n/fr.admin.ts';
import { FieldError, TextField } from '../admin/fields.tsx';

export type Submitter = { name: string; email: string; consent: boolean; homepage: string };
export const emptySubmitter = (): Submitter => ({ name: '', email: '', consent: false, homepage: '' });

const t = frAdmin.publicForms;

export function SubmitterFields({
  value,
  onChange,
  errorsFor,
}: {
  value: Submitter;
  onChange: (v: Submitter) => void;
  errorsFor: (path: string) => string[];
}) {
  const consentErrors = errorsFor('consent');
  return (
    <fieldset>
      <legend>{t.submitter}</legend>
      <p className="field__hint">{t.submitterIntro}</p>
      <div className="admin-grid">
        <TextField
          id="sf-submitter-name"
          label={t.submitterName}
          autoComplete="name"
          value={value.name}
          errors={errorsFor('submitter.name')}
          onChange={(v) => onChange({ ...value, name: v })}
          required
        />
        <TextField
          id="sf-submitter-email"
          label={t.submitterEmail}
          type="email"
          autoComplete="email"
          value={value.email}
          errors={errorsFor('submitter.email')}
          onChange={(v) => onChange({ ...value, email: v })}
          required
        />
      </div>
      <div className="field">
        <label className="admin-checkbox" htmlFor="sf-consent">
          <input
            id="sf-consent"
            type="checkbox"
            checked={value.consent}
            onChange={(e) => onChange({ ...value, consent: e.target.checked })}
            aria-invalid={consentErrors.length > 0 || undefined}
            aria-describedby={consentErrors.length ? 'sf-consent-error' : undefined}
          />{' '}
          {t.consent}
        </label>
        <FieldError id="sf-consent-error" messages={consentErrors} />
      </div>
      {/* Hidden from people (and from assistive technologies); robots fill it and are dropped. */}
      <div className="admin-honeypot" aria-hidden="true">
        <label htmlFor="sf-homepage">{t.honeypot}</label>
        <input
          id="sf-homepage"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={value.homepage}
          onChange={(e) => onChange({ ...value, homepage: e.target.value })}
        />
      </div>
    </fieldset>
  );
}
