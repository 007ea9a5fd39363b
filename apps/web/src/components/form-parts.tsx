/**
 * The parts the public forms share (the letter, « Où en est ma demande ? », the contact request):
 * the page of one short form, a field with its label and hint, the submit row, and the focus moved
 * to the answer once it comes; the button that starts a request by itself, in the back office too.
 */
import { type FormEvent, type ReactNode, type RefObject, useEffect } from 'react';
import { PageIntro } from './page-intro.tsx';

/**
 * The page of one short public form (the letter, « Où en est ma demande ? »): its intro, the fields
 * and the submit row, then `after` (the answer, focused once it comes, and the page's last word).
 */
export function PublicFormPage({
  className,
  text,
  onSubmit,
  pending,
  children,
  after,
}: {
  /** Added to `narrow-page`. */
  className?: string;
  text: { heading: string; intro: string; submit: string; sending: string };
  onSubmit: (e: FormEvent) => void;
  pending: boolean;
  children: ReactNode;
  after: ReactNode;
}) {
  return (
    <div className={className ? `narrow-page ${className}` : 'narrow-page'}>
      <PageIntro as="div" heading={text.heading} intro={text.intro} />
      <form className="contact-form__form" onSubmit={onSubmit} noValidate>
        {children}
        <SubmitRow pending={pending} label={text.submit} sending={text.sending} />
      </form>
      {after}
    </div>
  );
}

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

/**
 * The trap field of a public form: hidden from people and screen readers (`className` hides it),
 * filled by robots; the server then ignores the request.
 */
export function HoneypotField({
  id,
  className,
  label,
  name,
  value,
  onChange,
}: {
  id: string;
  className: string;
  label: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className={className} aria-hidden="true">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" name={name} tabIndex={-1} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

type PendingButtonProps = { pending: boolean; label: ReactNode; busy: ReactNode; secondary?: boolean };

function PendingButton({
  type,
  pending,
  label,
  busy,
  secondary = false,
  onClick,
}: PendingButtonProps & { type: 'submit' | 'button'; onClick?: () => void }) {
  return (
    <button type={type} className={`button ${secondary ? 'button--secondary' : 'button--primary'}`} disabled={pending} onClick={onClick}>
      {pending ? busy : label}
    </button>
  );
}

/** A form's submit button: disabled while its request runs, saying so (« Envoi… ») in the meantime. */
export function SubmitButton(props: PendingButtonProps) {
  return <PendingButton type="submit" {...props} />;
}

/** A button that starts a request by itself (« Relancer », « Se déconnecter »): disabled while it runs, saying so meanwhile. */
export function ActionButton(props: PendingButtonProps & { onClick: () => void }) {
  return <PendingButton type="button" {...props} />;
}

/** The form's one submit button, in its row. */
export function SubmitRow({ pending, label, sending }: { pending: boolean; label: string; sending: string }) {
  return (
    <p className="notice__actions">
      <SubmitButton pending={pending} label={label} busy={sending} />
    </p>
  );
}

/** Moves the focus to `ref` (the result or the error) once the request has succeeded or failed. */
export function useFocusWhenSettled(ref: RefObject<HTMLElement | null>, mutation: { isSuccess: boolean; isError: boolean }): void {
  useEffect(() => {
    if (mutation.isSuccess || mutation.isError) ref.current?.focus();
  }, [mutation.isSuccess, mutation.isError, ref]);
}

/** A select's options, each a `[value, label]` pair. */
export function OptionList({ options }: { options: readonly (readonly [string, string])[] }) {
  return options.map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}
