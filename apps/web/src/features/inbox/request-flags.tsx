/** The flags of a request: urgent, a young person. */
import { ti } from './inbox-text.ts';
import type { RequestSummary } from './queries.ts';

/** The flags a person scans the rows for: urgent, and a young person. */
export function Flags({ r }: { r: RequestSummary }) {
  const urgent = r.urgent && r.status !== 'cloturee';
  if (!urgent && r.profile !== 'jeune') return null;
  return (
    <span className="inbox-flags">
      {urgent && (
        <span className="inbox-flag inbox-flag--urgent" title={ti.flags.urgentHint}>
          {ti.flags.urgent}
        </span>
      )}
      {r.profile === 'jeune' && <span className="inbox-flag inbox-flag--jeune">{ti.flags.jeune}</span>}
    </span>
  );
}
