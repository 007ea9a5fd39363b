/**
 * What an import and its revert answer (the types live in @pare/schema, shared with the web
 * client), and how their lists of rows are kept short.
 */
import type { RowReport } from '@pare/schema';

export type {
  ImportFormat,
  ImportReport,
  ImportSummary,
  MatchedBy,
  RevertItem,
  RevertReport,
  RowAction,
  RowReport,
} from '@pare/schema';

/** Up to this many rows, a report lists every row; beyond, only the rejected ones (unless `details=all`). */
export const AUTO_DETAILS_LIMIT = 1000;
/** The most rows a summarised report lists. */
export const MAX_REPORTED_ROWS = 10_000;

/**
 * The rows a report lists, counted by action. `all`: every row. `auto`: every row while there
 * are at most AUTO_DETAILS_LIMIT, then only the failed ones (rejected, skipped), at most
 * MAX_REPORTED_ROWS; `failed`: only the failed ones from the start. The rows left out are counted.
 */
export class ReportRows<T extends { action: A }, A extends string> {
  items: T[] = [];
  omitted = 0;
  summarised: boolean;

  constructor(
    readonly summary: Record<A, number>,
    private readonly failed: A,
    private readonly details: 'all' | 'auto' | 'failed',
  ) {
    this.summarised = details === 'failed';
  }

  add(item: T): void {
    this.summary[item.action]++;
    if (this.details === 'all') {
      this.items.push(item);
      return;
    }
    if (!this.summarised) {
      this.items.push(item);
      if (this.items.length > AUTO_DETAILS_LIMIT) {
        this.summarised = true;
        const kept = this.items.filter((x) => x.action === this.failed);
        this.omitted += this.items.length - kept.length;
        this.items = kept;
      }
      return;
    }
    if (item.action === this.failed && this.items.length < MAX_REPORTED_ROWS) this.items.push(item);
    else this.omitted++;
  }
}

/** The rows of an import's report: created, updated, unchanged or rejected. */
export function importReportRows(details: 'all' | 'rejected' | 'auto'): ReportRows<RowReport, RowReport['action']> {
  return new ReportRows<RowReport, RowReport['action']>(
    { created: 0, updated: 0, unchanged: 0, rejected: 0 },
    'rejected',
    details === 'rejected' ? 'failed' : details,
  );
}
