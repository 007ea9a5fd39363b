/** The line that says what the last action did (« Enregistré. »): always in the page, so it is announced. */
export function StatusLine({ message }: { message: string | null }) {
  return (
    <p role="status" className={message ? 'notice' : 'visually-hidden'}>
      {message}
    </p>
  );
}
