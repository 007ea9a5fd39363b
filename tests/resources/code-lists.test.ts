import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEETING_FREQUENCIES, MEMBER_ROLES, PROTOCOL_KINDS, PUBLICS, RESOURCE_SCOPES, RESOURCE_THEMES, RESOURCE_TYPES } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-app.ts';

const sql = readFileSync(join(ROOT, 'packages/db/src/migrations/0007_resources.sql'), 'utf8');

function checkList(column: string): string[] {
  const m = new RegExp(`CHECK \\((?:${column} IS NULL OR )?${column} IN \\(([^)]*)\\)\\)`).exec(sql);
  if (!m?.[1]) throw new Error(`no CHECK for ${column}`);
  return m[1].split(',').map((s) => s.trim().replace(/'/g, ''));
}

describe('the resource centre’s code lists', () => {
  it('are the same in the database as in the shared schema', () => {
    expect(checkList('resource_type')).toEqual([...RESOURCE_TYPES]);
    expect(checkList('resource_scope')).toEqual([...RESOURCE_SCOPES]);
    expect(checkList('resource_public')).toEqual([...PUBLICS]);
    expect(checkList('theme')).toEqual([...RESOURCE_THEMES]);
    expect(checkList('protocol_kind')).toEqual([...PROTOCOL_KINDS]);
    expect(checkList('frequency')).toEqual([...MEETING_FREQUENCIES]);
    expect(checkList('member_role')).toEqual([...MEMBER_ROLES]);
  });
});
