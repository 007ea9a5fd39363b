/** What must never leave the API in a public answer, read from the database (so a new confidential entry is covered). */
import type { Db } from '@pare/db';
import { expect } from 'vitest';

/**
 * Every private value of the directory: confidential sites' street, label, hours, accessibility,
 * closure messages and exact point (when it differs from the public one), the contacts of those
 * sites and every professionals-only contact, the referents' e-mails.
 */
export function confidentialSecrets(db: Db): string[] {
  const confidentialSites = db.prepare('SELECT * FROM sites WHERE confidential = 1').all() as {
    address: string | null;
    label: string | null;
    lat: number;
    lng: number;
    public_lat: number;
    opening_hours: string | null;
    temporary_closures: string;
    accessibility: string | null;
  }[];
  expect(confidentialSites.length).toBeGreaterThan(0);
  const secrets: string[] = [];
  for (const s of confidentialSites) {
    for (const v of [s.address, s.label, s.opening_hours, s.accessibility]) if (v) secrets.push(v);
    for (const c of JSON.parse(s.temporary_closures) as { message: string }[]) secrets.push(c.message);
    if (s.lat !== s.public_lat) secrets.push(String(s.lat), String(s.lng));
  }
  const hidden = db
    .prepare(`SELECT value FROM contacts WHERE visibility = 'professionnels' OR site_id IN (SELECT id FROM sites WHERE confidential = 1)`)
    .pluck()
    .all() as string[];
  const referents = db.prepare('SELECT referent_email FROM actors WHERE referent_email IS NOT NULL').pluck().all() as string[];
  secrets.push(...hidden, ...referents);
  return secrets;
}
