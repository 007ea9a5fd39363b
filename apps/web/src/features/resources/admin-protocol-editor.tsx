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
import { type CommonForm, commonFields, EntryEditorPage, fieldKit, orNull, RowList, splitList } from './admin-edit-kit.tsx';
import { protocolWrites } from './queries.ts';
import { type EntryForm, useEntryEditor } from './use-entry-editor.ts';

const t = frResources.edit;

type MemberRow = { actor: string; role: MemberRole; note: string };
const BLANK_MEMBER: MemberRow = { actor: '', role: 'membre', note: '' };
type MeetingRow = { date: string; summary: string };
type ProtocolForm = CommonForm & {
  kind: ProtocolKind;
  departements: string;
  date: string;
  frequency: MeetingFrequency | '';
  parent: string;
  members: MemberRow[];
  meetings: MeetingRow[];
  resources: string;
};

const protocolForm: EntryForm<AdminProtocol, ProtocolForm, CreateProtocolInputRaw> = {
  empty: {
    ...commonFields.empty,
    kind: 'convention',
    departements: '',
    date: '',
    frequency: '',
    parent: '',
    members: [],
    meetings: [],
    resources: '',
  },
  of: ({ input: i }) => ({
    ...commonFields.of(i),
    kind: i.kind,
    departements: i.departements.join(', '),
    date: i.date ?? '',
    frequency: i.frequency ?? '',
    parent: i.parent ?? '',
    members: (i.members ?? []).map((m) => ({ actor: m.actor, role: m.role, note: m.note ?? '' })),
    meetings: (i.meetings ?? []).map((m) => ({ date: m.date, summary: m.summary ?? '' })),
    resources: (i.resources ?? []).join(', '),
  }),
  input: (f) => ({
    ...commonFields.input(f),
    kind: f.kind,
    departements: splitList(f.departements).map((d) => d.toUpperCase()),
    date: orNull(f.date),
    frequency: f.frequency || null,
    parent: orNull(f.parent),
    members: f.members.map((m) => ({ actor: m.actor.trim(), role: m.role, note: orNull(m.note) })),
    meetings: f.meetings.map((m) => ({ date: m.date, summary: m.summary })),
    resources: splitList(f.resources),
  }),
};

export function ProtocolEditor({ existing }: { existing: AdminProtocol | null }) {
  const editor = useEntryEditor('protocol', existing, protocolForm, protocolWrites);
  const { form, set, error } = editor;
  /** Changes some fields of one member or meeting. */
  const setRow = <K extends 'members' | 'meetings'>(list: K, i: number, patch: Partial<ProtocolForm[K][number]>) =>
    set(list, form[list].map((x, j) => (j === i ? { ...x, ...patch } : x)) as ProtocolForm[K]);

  const kit = fieldKit(form, set, error);
  const memberKit = (m: MemberRow, i: number) => fieldKit(m, (k, v) => setRow('members', i, { [k]: v }), error, `members.${i}.`);
  const meetingKit = (m: MeetingRow, i: number) => fieldKit(m, (k, v) => setRow('meetings', i, { [k]: v }), error, `meetings.${i}.`);

  return (
    <EntryEditorPage editor={editor} first={kit.select('kind', t.kind, PROTOCOL_KIND_CODES, PROTOCOL_KIND_LABELS)}>
      {kit.codes('departements', 'departements', `${frEditor.fields.departements} ${t.required}`)}
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
    </EntryEditorPage>
  );
}
