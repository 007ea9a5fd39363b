/**
 * The life of one back-office editor (a resource or a protocol): the entry as last saved, the form,
 * the API's error, the status line; saving creates or updates, then moves a new entry to its address.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { navigate } from '../../lib/router.tsx';

type Entry = { id: number; editable: boolean };

export function useEntryEditor<E extends Entry, F>(o: {
  existing: E | null;
  empty: F;
  formOf: (entry: E) => F;
  /** Creates (`id` null) or updates the entry from the form. */
  save: (id: number | null, form: F) => Promise<E>;
  setStatus: (id: number, action: 'archive' | 'restore') => Promise<E>;
  /** The cached lists an answer makes stale. */
  stale: readonly (readonly unknown[])[];
  savedNote: string;
  createdNote: string;
  archivedNote: string;
  /** Where a new entry lives once created. */
  pathOf: (id: number) => string;
}) {
  const queryClient = useQueryClient();
  const [entry, setEntry] = useState(o.existing);
  const [form, setForm] = useState<F>(o.existing ? o.formOf(o.existing) : o.empty);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const set = <K extends keyof F>(k: K, v: F[K]) => setForm((f) => ({ ...f, [k]: v }));

  function updated(x: E, note: string) {
    setEntry(x);
    setForm(o.formOf(x));
    setError(null);
    setMessage(note);
    for (const queryKey of o.stale) void queryClient.invalidateQueries({ queryKey });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      if (entry) updated(await o.save(entry.id, form), o.savedNote);
      else {
        const created = await o.save(null, form);
        updated(created, o.createdNote);
        navigate(o.pathOf(created.id), { replace: true, keepScroll: true });
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
      updated(await o.setStatus(entry.id, action), action === 'archive' ? o.archivedNote : o.savedNote);
    } catch (err) {
      setError(err);
    }
  }

  return { entry, form, set, error, busy, message, readOnly: entry !== null && !entry.editable, updated, save, setStatus };
}
