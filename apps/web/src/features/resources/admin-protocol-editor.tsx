/**
 * The protocol editor (`/admin/protocoles/:id`, `/admin/protocoles/nouveau`): a territorial
 * protocol, its members and meetings, and its history.
 */
import type { AdminProtocol, CreateProtocolInputRaw, MeetingFrequency, MemberRole, ProtocolKind } from '@pare/schema';
import { frEditor } from '../../i18n/fr.editor.ts';
import {
  frResources,
  MEETING_FREQUENCY_CODES,
  MEETING_FREQUENCY_LABELS,
  MEMBER_ROLE_CODES,
  MEMBER_ROLE_LABELS,
  PROTOCOL_KIND_CODES,
  PROTOCOL_KIND_LABELS,
} from '../../i18n/fr.resources.ts';
import {
  ArchiveToggle,
  CodesPicker,
  EditorForm,
  fieldKit,
  History,
  orNull,
  RowList,
  SourceUrlField,
  SummaryField,
  splitList,
  TitleAndSlug,
} from './admin-edit-kit.tsx';
import { protocolWrites, resourceKeys } from './queries.ts';
import { useEntryEditor } from './use-entry-editor.ts';

const t = frResources.edit;

type MemberRow = { actor: string; role: MemberRole; note: string };
const BLANK_MEMBER: MemberRow = { actor: '', role: 'membre', note: '' };
type MeetingRow = { date: string; summary: string };
type ProtocolForm = {
  slug: string;
  kind: ProtocolKind;
  title: string;
  summary: string;
  departements: string;
  date: string;
  frequency: MeetingFrequency | '';
  parent: string;
  members: MemberRow[];
  meetings: MeetingRow[];
  resources: string;
  source_url: string;
};

const EMPTY_PROTOCOL: ProtocolForm = {
  slug: '',
  kind: 'convention',
  title: '',
  summary: '',
  departements: '',
  date: '',
  frequency: '',
  parent: '',
  members: [],
  meetings: [],
  resources: '',
  source_url: '',
};

function protocolForm(p: AdminProtocol): ProtocolForm {
  const i = p.input;
  return {
    slug: i.slug ?? '',
    kind: i.kind,
    title: i.title,
    summary: i.summary ?? '',
    departements: i.departements.join(', '),
    date: i.date ?? '',
    frequency: i.frequency ?? '',
    parent: i.parent ?? '',
    members: (i.members ?? []).map((m) => ({ actor: m.actor, role: m.role, note: m.note ?? '' })),
    meetings: (i.meetings ?? []).map((m) => ({ date: m.date, summary: m.summary ?? '' })),
    resources: (i.resources ?? []).join(', '),
    source_url: i.source_url ?? '',
  };
}

function protocolInput(f: ProtocolForm): CreateProtocolInputRaw {
  return {
    ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
    kind: f.kind,
    title: f.title,
    summary: f.summary,
    departements: splitList(f.departements).map((d) => d.toUpperCase()),
    date: orNull(f.date),
    frequency: f.frequency || null,
    parent: orNull(f.parent),
    members: f.members.map((m) => ({ actor: m.actor.trim(), role: m.role, note: orNull(m.note) })),
    meetings: f.meetings.map((m) => ({ date: m.date, summary: m.summary })),
    resources: splitList(f.resources),
    source_url: orNull(f.source_url),
  };
}

export function ProtocolEditor({ existing }: { existing: AdminProtocol | null }) {
  const editor = useEntryEditor({
    existing,
    empty: EMPTY_PROTOCOL,
    formOf: protocolForm,
    save: (id, f) => (id === null ? protocolWrites.create(protocolInput(f)) : protocolWrites.update(id, protocolInput(f))),
    setStatus: protocolWrites.setStatus,
    stale: [resourceKeys.protocols, resourceKeys.admin],
    savedNote: t.saved,
    createdNote: t.saved,
    archivedNote: t.archived,
    pathOf: (id) => `/admin/protocoles/${id}`,
  });
  const { entry: protocol, form, set, error, setStatus } = editor;
  /** Changes some fields of one member or meeting. */
  const setRow = <K extends 'members' | 'meetings'>(list: K, i: number, patch: Partial<ProtocolForm[K][number]>) =>
    set(list, form[list].map((x, j) => (j === i ? { ...x, ...patch } : x)) as ProtocolForm[K]);

  const kit = fieldKit(form, set, error);
  const memberKit = (m: MemberRow, i: number) => fieldKit(m, (k, v) => setRow('members', i, { [k]: v }), error, `members.${i}.`);
  const meetingKit = (m: MeetingRow, i: number) => fieldKit(m, (k, v) => setRow('meetings', i, { [k]: v }), error, `meetings.${i}.`);

  return (
    <>
      <EditorForm title={protocol ? t.editProtocolTitle(protocol.title) : t.newProtocolTitle} editor={editor}>
        <TitleAndSlug form={form} set={set} error={error} />
        {kit.select('kind', t.kind, PROTOCOL_KIND_CODES, PROTOCOL_KIND_LABELS)}
        <SummaryField form={form} set={set} error={error} />
        <CodesPicker
          kind="departements"
          label={`${frEditor.fields.departements} ${t.required}`}
          error={error}
          path="departements"
          value={form.departements}
          onChange={(v) => set('departements', v)}
        />
        {kit.input('date', t.date, { type: 'date' })}
        {kit.select('frequency', t.frequency, MEETING_FREQUENCY_CODES, MEETING_FREQUENCY_LABELS, t.frequencyNone)}
        {kit.input('parent', t.parent)}

        <RowList
          legend={t.members}
          rows={form.members}
          onChange={(rows) => set('members', rows)}
          blank={BLANK_MEMBER}
          addLabel={t.addMember}
          removeLabel={t.removeMember}
        >
          {(m, i) => (
            <>
              {memberKit(m, i).input('actor', t.memberActor)}
              {memberKit(m, i).select('role', t.memberRole, MEMBER_ROLE_CODES, MEMBER_ROLE_LABELS)}
              {memberKit(m, i).input('note', t.memberNote, { maxLength: 300 })}
            </>
          )}
        </RowList>

        <RowList
          legend={t.meetings}
          rows={form.meetings}
          onChange={(rows) => set('meetings', rows)}
          blank={{ date: '', summary: '' }}
          addLabel={t.addMeeting}
          removeLabel={t.removeMeeting}
        >
          {(m, i) => (
            <>
              {meetingKit(m, i).input('date', t.meetingDate, { type: 'date' })}
              {meetingKit(m, i).textarea('summary', t.meetingSummary, 2000)}
            </>
          )}
        </RowList>

        {kit.input('resources', t.linkedResources)}
        <SourceUrlField form={form} set={set} error={error} />
      </EditorForm>
      {protocol?.editable && <ArchiveToggle published={protocol.status === 'published'} onToggle={setStatus} />}
      {protocol && <History kind="protocols" id={protocol.id} />}
    </>
  );
}
