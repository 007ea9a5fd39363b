/**
 * vitest globalSetup of the integration and browser projects: a directory for this run's seeded
 * database templates (made on first use by `createTestApp()`, one per kind, then copied per app:
 * a file copy instead of a one-second seed). Removed at the end of the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'pare-test-templates-'));
  // Inherited by the test workers (forked after the global setup).
  process.env.PARE_TEST_TEMPLATES = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
