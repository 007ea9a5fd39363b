/**
 * A group of checkboxes over a code list (publics, themes…), kept in the list's own order; the
 * API's messages for the group, if any, below it.
 */
export function CodeCheckboxes<T extends string>({
  legend,
  codes,
  labels,
  value,
  onChange,
  messages = [],
}: {
  legend: string;
  codes: readonly T[];
  labels: Record<T, string>;
  value: T[];
  onChange: (next: T[]) => void;
  messages?: string[];
}) {
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      <ul>
        {codes.map((c) => (
          <li key={c}>
            <label>
              <input
                type="checkbox"
                checked={value.includes(c)}
                onChange={(e) =>
                  onChange(e.target.checked ? codes.filter((x) => x === c || value.includes(x)) : value.filter((x) => x !== c))
                }
              />{' '}
              {labels[c]}
            </label>
          </li>
        ))}
      </ul>
      {messages.length > 0 && <p className="field__error">{messages.join(' ')}</p>}
    </fieldset>
  );
}
