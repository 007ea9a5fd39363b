/**
 * A curator's save, as the bench makes it while searches run (`distinct-saves` rows): an actor
 * drawn at random is read and written back with its description changed, through
 * `actorRepository.replaceActor` (what the back office's save route calls), every write of a
 * real save included (the actor, its publics, actions, territories, sites, contacts, text index).
 */
import { actorRepository, actorToInput, type Db } from '../packages/db/src/index.ts';

let count = 0;
const repos = new WeakMap<Db, ReturnType<typeof actorRepository>>();

export function saveNow(db: Db): void {
  let repo = repos.get(db);
  if (!repo) {
    repo = actorRepository(db);
    repos.set(db, repo);
  }
  const max = db.prepare('SELECT max(id) FROM actors').pluck().get() as number;
  // The actor is drawn here, not by the save (the back office's route is given its id): `+status`
  // keeps SQLite on the id's range; on the status index it read every published actor and sorted
  // them, 9 ms at 100,000 on the server's thread each second, which a curator's save does not cost.
  const id = db
    .prepare(`SELECT id FROM actors WHERE id >= ? AND +status = 'published' ORDER BY id LIMIT 1`)
    .pluck()
    .get(1 + Math.floor(Math.random() * max)) as number | undefined;
  const actor = id === undefined ? undefined : repo.findActorById(id);
  if (!actor) return;
  const input = actorToInput(actor);
  count++;
  repo.replaceActor(actor.id, { ...input, description: `${(input.description ?? '').replace(/ \(relu \d+\)$/, '')} (relu ${count})` });
}

// `node --import tsx bench/saves.ts <db> <every ms>`: the saves from another process (another
// server of the same directory, a command-line import…), until killed.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { openDatabase } = await import('../packages/db/src/index.ts');
  const [file, every = '1000'] = process.argv.slice(2);
  if (!file) throw new Error('usage: bench/saves.ts <db> [every ms]');
  const db = openDatabase(file);
  setInterval(() => saveNow(db), Number(every));
  process.stdout.write('READY 0\n');
  process.on('SIGTERM', () => process.exit(0));
}
