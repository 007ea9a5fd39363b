/**
 * The parts of an editable combobox with a list popup (WAI-ARIA 1.2), shared by the place box and
 * the territory picker: the debounced term, the keys that move through the list, the text box's
 * role and states, and the list of options.
 */
import { type Dispatch, type KeyboardEvent, type SetStateAction, useEffect, useState } from 'react';

/** The value once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

type ListState = { expanded: boolean; count: number; setOpen: (open: boolean) => void; setActive: Dispatch<SetStateAction<number>> };

/**
 * ↓/↑ open the list and move through its options (Alt+↓ only opens it), Escape closes an open list
 * (then it does not count towards the double-Escape quick exit), Tab leaves. True when the key was
 * one of these.
 */
export function moveInList(e: KeyboardEvent<HTMLInputElement>, { expanded, count, setOpen, setActive }: ListState): boolean {
  switch (e.key) {
    case 'ArrowDown':
      e.preventDefault();
      setOpen(true);
      if (!e.altKey && count > 0) setActive((i) => (i + 1) % count);
      return true;
    case 'ArrowUp':
      e.preventDefault();
      setOpen(true);
      if (count > 0) setActive((i) => (i <= 0 ? count - 1 : i - 1));
      return true;
    case 'Escape':
      if (expanded) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      }
      return true;
    case 'Tab':
      setOpen(false);
      return true;
    default:
      return false;
  }
}

/** The text box's role and states; the caller adds its value, events and description. */
export function comboboxInputProps(listId: string, expanded: boolean, active: number | null) {
  return {
    type: 'text',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': expanded,
    'aria-controls': listId,
    'aria-activedescendant': active === null ? undefined : `${listId}-${active}`,
    autoComplete: 'off',
    spellCheck: false,
  } as const;
}

/** The popup: one option a line (its name and a detail), picked by a click without leaving the text box. */
export function ComboboxOptions<O>({
  listId,
  label,
  expanded,
  options,
  active,
  setActive,
  onPick,
  describe,
}: {
  listId: string;
  label: string;
  expanded: boolean;
  options: readonly O[];
  active: number;
  setActive: (i: number) => void;
  onPick: (o: O) => void;
  describe: (o: O) => { key: string; name: string; detail: string };
}) {
  return (
    <div id={listId} role="listbox" aria-label={label} className="combobox__list" hidden={!expanded}>
      {expanded &&
        options.map((o, i) => {
          const { key, name, detail } = describe(o);
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the input (aria-activedescendant pattern)
            <div
              key={key}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className="combobox__option"
              // Keep the focus in the input: the pick happens on click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(o)}
              onMouseMove={() => setActive(i)}
            >
              <span className="combobox__name">{name}</span>
              <span className="combobox__detail">{detail}</span>
            </div>
          );
        })}
    </div>
  );
}
