/**
 * A territory picker: chips with names (« Moselle (57) ») and a combobox to add one more, with
 * the offline autocomplete (WAI-ARIA 1.2 editable combobox, as the place box): ↓/↑ move, Enter
 * picks, Escape closes, Backspace in an empty box removes the last chip. Régions and départements
 * are matched here from the full list; communes come from `/api/territories/search`.
 */
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ComboboxOptions, comboboxInputProps, moveInList, useDebounced } from '../../components/combobox.tsx';
import { frEditor } from '../../i18n/fr.editor.ts';
import { territorySearchQuery } from '../territories/queries.ts';
import { Field } from './fields.tsx';
import { fold, placeName, type TerritoryListKind, useTerritoryNames } from './territory-names.ts';

const t = frEditor.picker;
const MAX_OPTIONS = 8;

type Option = { code: string; label: string; detail: string };

export type TerritoryPickerProps = {
  id: string;
  kind: TerritoryListKind;
  label: string;
  hint?: string;
  codes: readonly string[];
  onChange: (codes: string[]) => void;
  onBlur?: () => void;
  errors?: readonly string[];
};

export function TerritoryPicker({ id, kind, label, hint, codes, onChange, onBlur, errors = [] }: TerritoryPickerProps) {
  const listId = useId();
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announce, setAnnounce] = useState('');
  const names = useTerritoryNames(kind === 'communes' ? codes : []);
  // Names of communes picked in this session, shown before the server has named them.
  const [picked, setPicked] = useState<Record<string, string>>({});
  const term = useDebounced(text.trim(), 150);
  const search = useQuery({ ...territorySearchQuery(term), enabled: kind === 'communes' && open && term.length >= 2 });

  const options: Option[] = useMemo(() => {
    if (term.length < 1) return [];
    const q = fold(term);
    const taken = new Set(codes);
    if (kind === 'regions')
      return (names?.regions ?? [])
        .filter((r) => !taken.has(r.code) && fold(r.name).includes(q))
        .slice(0, MAX_OPTIONS)
        .map((r) => ({ code: r.code, label: r.name, detail: 'Région' }));
    if (kind === 'departements')
      return (names?.departements ?? [])
        .filter((d) => !taken.has(d.code) && (d.code.toLowerCase().startsWith(q) || fold(d.name).includes(q)))
        .sort(
          (a, b) =>
            Number(!fold(a.name).startsWith(q) && !a.code.toLowerCase().startsWith(q)) -
            Number(!fold(b.name).startsWith(q) && !b.code.toLowerCase().startsWith(q)),
        )
        .slice(0, MAX_OPTIONS)
        .map((d) => ({ code: d.code, label: `${d.name} (${d.code})`, detail: 'Département' }));
    const seen = new Set<string>();
    const out: Option[] = [];
    for (const s of search.data ?? []) {
      if ((s.kind !== 'commune' && s.kind !== 'postcode') || taken.has(s.code) || seen.has(s.code)) continue;
      seen.add(s.code);
      out.push({
        code: s.code,
        label: `${s.name}${s.departement ? ` (${s.departement.code})` : ''}`,
        detail: [s.departement?.name, s.postcodes.slice(0, 3).join(', ')].filter(Boolean).join(' · '),
      });
    }
    return out.slice(0, MAX_OPTIONS);
  }, [term, kind, names, codes, search.data]);

  useEffect(() => setActive(-1), [options]);

  const expanded = open && options.length > 0;
  const activeOption = expanded && active >= 0 ? options[active] : undefined;
  const nameOf = (code: string) => picked[code] ?? placeName(names, kind, code);

  function add(o: Option) {
    onChange([...codes, o.code]);
    setPicked((p) => ({ ...p, [o.code]: o.label }));
    setText('');
    setOpen(false);
    setAnnounce(t.added(o.label));
  }

  function remove(code: string) {
    const name = nameOf(code);
    onChange(codes.filter((c) => c !== code));
    setAnnounce(t.removedOne(name));
    inputRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (moveInList(e, { expanded, count: options.length, setOpen, setActive })) return;
    if (e.key === 'Enter') {
      // Never submits the form from here: Enter picks the highlighted (or only) suggestion.
      e.preventDefault();
      if (activeOption) add(activeOption);
      else if (expanded && options.length === 1 && options[0]) add(options[0]);
    } else if (e.key === 'Backspace') {
      const last = codes[codes.length - 1];
      if (text === '' && last !== undefined) remove(last);
    }
  }

  let status = announce;
  if (open && term.length >= 1 && !(kind === 'communes' && search.isFetching)) status = t.count(options.length);
  else if (open && kind === 'communes' && search.isFetching) status = t.loading;

  const describedBy = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : '', statusId].filter(Boolean).join(' ');
  return (
    <Field id={id} label={label} hint={hint} errors={errors} className="field territory-picker">
      {codes.length > 0 && (
        <ul className="chips" aria-label={t.chosen(label)}>
          {codes.map((code) => (
            <li key={code} className="chip">
              <span>{nameOf(code)}</span>
              <button type="button" className="chip__remove" onClick={() => remove(code)} aria-label={t.remove(nameOf(code))}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="combobox">
        <input
          ref={inputRef}
          id={id}
          {...comboboxInputProps(listId, expanded, activeOption ? active : null)}
          aria-describedby={describedBy}
          aria-invalid={errors.length > 0 || undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            onBlur?.();
          }}
          onClick={() => setOpen(true)}
        />
        <ComboboxOptions
          listId={listId}
          label={label}
          expanded={expanded}
          options={options}
          active={active}
          setActive={setActive}
          onPick={add}
          describe={(o) => ({ key: o.code, name: o.label, detail: o.detail })}
        />
      </div>
      <span id={statusId} className="visually-hidden" aria-live="polite">
        {status}
      </span>
    </Field>
  );
}
