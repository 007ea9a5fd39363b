/** The line that says what the last action did (« Enregistré. »): always in the page, so it is announced. */
export function StatusLine({ message }: { message: string | null }) {
  return (
    <p role="status" className={message ? 'notice' : 'visually-hidden'}>
      {message}
    </p>
  );
}

/** A success, once it has happened (« Archivé. »); nothing before. */
export function SuccessNotice({ message }: { message: string | null }) {
  return message ? (
    <p className="notice notice--success" role="status">
      {message}
    </p>
  ) : null;
}
