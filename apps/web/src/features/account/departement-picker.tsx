/**
 * Départements chosen by name with the offline place autocomplete (never typed codes): a
 * département is added as such; a commune or a postcode adds its département. Chosen ones are
 * listed with a « Retirer » button each.
 */
import { useState } from 'react';
import { frAccount } from '../../i18n/fr.account.ts';
import { FieldError } from '../admin/fields.tsx';
import { PlaceCombobox } from '../territories/place-combobox.tsx';
import type { TerritorySuggestion } from '../territories/queries.ts';

const t = frAccount.picker;

export type PickedDepartement = { code: string; name: string };

function departementOf(s: TerritorySuggestion): PickedDepartement | null {
  if (s.kind === 'departement') return { code: s.code, name: s.name };
  return s.departement ? { code: s.departement.code, name: s.departement.name } : null;
}

export function DepartementPicker({
  id,
  label,
  value,
  onChange,
  errors = [],
}: {
  id: string;
  label: string;
  value: PickedDepartement[];
  onChange: (v: PickedDepartement[]) => void;
  errors?: readonly string[];
}) {
  const [text, setText] = useState('');
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset className="field" aria-describedby={errors.length ? errorId : undefined}>
      <legend>{label}</legend>
      <label htmlFor={id}>{t.label}</label>
      <p id={hintId} className="field__hint">
        {t.hint}
      </p>
      <PlaceCombobox
        id={id}
        value={text}
        onChange={setText}
        describedBy={hintId}
        invalid={errors.length > 0}
        onPick={(s) => {
          const d = departementOf(s);
          if (d && !value.some((v) => v.code === d.code)) onChange([...value, d]);
          setText('');
        }}
      />
      <FieldError id={errorId} messages={errors} />
      {value.length === 0 ? (
        <p className="field__hint">{t.none}</p>
      ) : (
        <ul className="account-chips" aria-label={t.chosen}>
          {value.map((d) => (
            <li key={d.code} className="account-chip">
              <span>
                {d.name} ({d.code})
              </span>
              <button
                type="button"
                aria-label={t.remove(`${d.name} (${d.code})`)}
                onClick={() => onChange(value.filter((v) => v.code !== d.code))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
