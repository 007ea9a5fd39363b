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
  Field,
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
  const setMember = (i: number, m: Partial<MemberRow>) =>
    set(
      'members',
      form.members.map((x, j) => (j === i ? { ...x, ...m } : x)),
    );
  const setMeeting = (i: number, m: Partial<MeetingRow>) =>
    set(
      'meetings',
      form.meetings.map((x, j) => (j === i ? { ...x, ...m } : x)),
    );

  return (
    <>
      <EditorForm title={protocol ? t.editProtocolTitle(protocol.title) : t.newProtocolTitle} editor={editor}>
        <TitleAndSlug form={form} set={set} error={error} />
        <Field label={t.kind} error={error} path="kind">
          {(p) => (
            <select {...p} value={form.kind} onChange={(e) => set('kind', e.target.value as ProtocolKind)}>
              {PROTOCOL_KIND_CODES.map((c) => (
                <option key={c} value={c}>
                  {PROTOCOL_KIND_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <SummaryField form={form} set={set} error={error} />
        <CodesPicker
          kind="departements"
          label={`${frEditor.fields.departements} ${t.required}`}
          error={error}
          path="departements"
          value={form.departements}
          onChange={(v) => set('departements', v)}
        />
        <Field label={t.date} error={error} path="date">
          {(p) => <input {...p} type="date" value={form.date} onChange={(e) => set('date', e.target.value)} />}
        </Field>
        <Field label={t.frequency} error={error} path="frequency">
          {(p) => (
            <select {...p} value={form.frequency} onChange={(e) => set('frequency', e.target.value as MeetingFrequency | '')}>
              <option value="">{t.frequencyNone}</option>
              {MEETING_FREQUENCY_CODES.map((c) => (
                <option key={c} value={c}>
                  {MEETING_FREQUENCY_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.parent} error={error} path="parent">
          {(p) => <input {...p} type="text" value={form.parent} onChange={(e) => set('parent', e.target.value)} />}
        </Field>

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
              <Field label={t.memberActor} error={error} path={`members.${i}.actor`}>
                {(p) => <input {...p} type="text" value={m.actor} onChange={(e) => setMember(i, { actor: e.target.value })} />}
              </Field>
              <Field label={t.memberRole} error={error} path={`members.${i}.role`}>
                {(p) => (
                  <select {...p} value={m.role} onChange={(e) => setMember(i, { role: e.target.value as MemberRole })}>
                    {MEMBER_ROLE_CODES.map((c) => (
                      <option key={c} value={c}>
                        {MEMBER_ROLE_LABELS[c]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t.memberNote} error={error} path={`members.${i}.note`}>
                {(p) => (
                  <input {...p} type="text" maxLength={300} value={m.note} onChange={(e) => setMember(i, { note: e.target.value })} />
                )}
              </Field>
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
              <Field label={t.meetingDate} error={error} path={`meetings.${i}.date`}>
                {(p) => <input {...p} type="date" value={m.date} onChange={(e) => setMeeting(i, { date: e.target.value })} />}
              </Field>
              <Field label={t.meetingSummary} error={error} path={`meetings.${i}.summary`}>
                {(p) => <textarea {...p} maxLength={2000} value={m.summary} onChange={(e) => setMeeting(i, { summary: e.target.value })} />}
              </Field>
            </>
          )}
        </RowList>

        <Field label={t.linkedResources} error={error} path="resources">
          {(p) => <input {...p} type="text" value={form.resources} onChange={(e) => set('resources', e.target.value)} />}
        </Field>
        <SourceUrlField form={form} set={set} error={error} />
      </EditorForm>
      {protocol?.editable && <ArchiveToggle published={protocol.status === 'published'} onToggle={setStatus} />}
      {protocol && <History kind="protocols" id={protocol.id} />}
    </>
  );
}
