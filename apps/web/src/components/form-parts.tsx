/**
 * The parts the public forms share (the letter, « Où en est ma demande ? », the contact request):
 * a field with its label and hint, the submit row, and the focus moved to the answer once it comes.
 */
import { type ReactNode, type RefObject, useEffect } from 'react';

/** A field whose hint sits between the label and the control (the control names the hint itself). */
export function HintedField({
  id,
  hintId,
  label,
  hint,
  children,
}: {
  id: string;
  hintId: string;
  label: ReactNode;
  hint: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={hintId} className="field__hint">
        {hint}
      </p>
      {children}
    </div>
  );
}

/** The form's one submit button, disabled and saying so while the request is on its way. */
export function SubmitRow({ pending, label, sending }: { pending: boolean; label: string; sending: string }) {
  return (
    <p className="notice__actions">
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? sending : label}
      </button>
    </p>
  );
}

/** Moves the focus to `ref` (the result or the error) once the request has succeeded or failed. */
export function useFocusWhenSettled(ref: RefObject<HTMLElement | null>, mutation: { isSuccess: boolean; isError: boolean }): void {
  useEffect(() => {
    if (mutation.isSuccess || mutation.isError) ref.current?.focus();
  }, [mutation.isSuccess, mutation.isError, ref]);
}
