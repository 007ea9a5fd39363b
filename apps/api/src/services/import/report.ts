/** What an import and its revert answer: the types live in @pare/schema, shared with the web client. */
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
