/** Shared by the coverage and quarterly-report tests. */
import type { TestApp } from '../helpers/test-app.ts';

/** The published departmental services with a CRIP (action `signalement`) in this département. */
export const cripIdsOf = (t: TestApp, departement: string) =>
  t.db
    .prepare(
      `SELECT DISTINCT a.id FROM actors a JOIN actor_territories t ON t.actor_id = a.id JOIN actor_actions x ON x.actor_id = a.id
       WHERE a.status = 'published' AND a.type = 'service-departemental' AND x.action = 'signalement' AND t.kind = 'departement' AND t.code = ?`,
    )
    .pluck()
    .all(departement) as number[];
