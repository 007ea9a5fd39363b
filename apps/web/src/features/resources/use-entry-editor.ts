/**
 * The life of one back-office editor (a resource or a protocol): the entry as last saved, the form,
 * the API's error, the status line; saving creates or updates, then moves a new entry to its address.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { frResources } from '../../i18n/fr.resources.ts';
import { navigate } from '../../lib/router.tsx';
import { adminProtocolQuery, adminResourceQuery, resourceKeys } from './queries.ts';

const t = frResources.edit;

type Entry = { id: number; editable: boolean; title: string };

/** Per kind: the cached lists an answer makes stale, where its entries live, which history the API keeps. */
const PLACES = {
  resource: {
    stale: [resourceKeys.all, resourceKeys.admin],
    path: '/admin/ressources',
    history: 'resources',
    detail: (id: number) => adminResourceQuery(id).queryKey,
  },
  protocol: {
    stale: [resourceKeys.protocols, resourceKeys.admin],
    path: '/admin/protocoles',
    history: 'protocols',
    detail: (id: number) => adminProtocolQuery(id).queryKey,
  },
} as const;

/**
 * Set just before a new entry's editor leaves for the entry's address, read once by the editor
 * there (another one: the page loads the entry): what the creation said stays on screen.
 */
let createdNote: { path: string; note: string } | null = null;

/** Per kind: what a creation says, the editor's title (a new entry's, a saved one's). */
const TEXTS = {
  resource: { createdNote: t.created, titles: [t.newResourceTitle, t.editResourceTitle] },
  protocol: { createdNote: t.saved, titles: [t.newProtocolTitle, t.editProtocolTitle] },
} as const;

/** The form of one kind of entry: blank, from a saved entry, and as the input the API takes. */
export type EntryForm<E, F, I> = { empty: F; of: (entry: E) => F; input: (form: F) => I };

/** The API's writes of one kind of entry. */
export type EntryWrites<E, I> = {
  create: (input: I) => Promise<E>;
  update: (id: number, input: I) => Promise<E>;
  setStatus: (id: number, action: 'archive' | 'restore') => Promise<E>;
};

export function useEntryEditor<E extends Entry, F, I>(
  kind: keyof typeof PLACES,
  existing: E | null,
  entryForm: EntryForm<E, F, I>,
  writes: EntryWrites<E, I>,
) {
  const o = { ...PLACES[kind], ...TEXTS[kind] };
  const queryClient = useQueryClient();
  const [entry, setEntry] = useState(existing);
  const [form, setForm] = useState<F>(existing ? entryForm.of(existing) : entryForm.empty);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [created] = useState(() => {
    const note = existing && createdNote?.path === `${o.path}/${existing.id}` ? createdNote.note : null;
    createdNote = null;
    return note;
  });
  // Said once the page is on screen, so that the status line's change is announced.
  useEffect(() => {
    if (created) setMessage(created);
  }, [created]);
  const set = <K extends keyof F>(k: K, v: F[K]) => setForm((f) => ({ ...f, [k]: v }));

  function updated(x: E, note: string) {
    setEntry(x);
    setForm(entryForm.of(x));
    setError(null);
    setMessage(note);
    for (const queryKey of o.stale) void queryClient.invalidateQueries({ queryKey });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      if (entry) updated(await writes.update(entry.id, entryForm.input(form)), t.saved);
      else {
        const created = await writes.create(entryForm.input(form));
        updated(created, o.createdNote);
        // The entry's page shows it at once (no loading), with the note.
        queryClient.setQueryData<E>(o.detail(created.id) as readonly unknown[], created);
        createdNote = { path: `${o.path}/${created.id}`, note: o.createdNote };
        navigate(`${o.path}/${created.id}`, { replace: true, keepScroll: true });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function setStatus(action: 'archive' | 'restore') {
    if (!entry) return;
    try {
      updated(await writes.setStatus(entry.id, action), action === 'archive' ? t.archived : t.saved);
    } catch (err) {
      setError(err);
    }
  }

  const [newTitle, editTitle] = o.titles;
  return {
    entry,
    title: entry ? editTitle(entry.title) : newTitle,
    history: o.history,
    form,
    set,
    error,
    busy,
    message,
    readOnly: entry !== null && !entry.editable,
    updated,
    save,
    setStatus,
  };
}
