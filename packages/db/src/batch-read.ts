/**
 * Reading a batch of entries (actors, resources, protocols) with one statement per table: the
 * batch's ids go in as one JSON array that `IN (${IDS})` lists, so one prepared statement serves
 * a batch of any size, and each child table is read once for the whole batch.
 */
import type Database from 'better-sqlite3';

/** The subquery that lists a batch's ids: `WHERE actor_id IN (${IDS})`. */
export const IDS = 'SELECT value FROM json_each(?)';

/** The reads of one batch of ids, through a connection's statement cache (`statementCache`). */
export function batchRead(stmt: (sql: string) => Database.Statement, ids: readonly number[]) {
  // One id (an actor read back after a write, an actor's page) is asked as `IN (?)`: the JSON
  // array and its table-valued function cost as much as the read of a small actor (PERFORMANCE §23).
  const one = ids.length === 1;
  const param = one ? ids[0] : JSON.stringify(ids);
  /** The rows of `sql`, whose one parameter is the batch (`IN (${IDS})`). */
  const rows = <Row>(sql: string): Row[] => stmt(one ? forOneId(sql) : sql).all(param) as Row[];
  return {
    rows,
    /**
     * Hands each row of `sql` to `add` with the record its column `owner` names, in the rows'
     * order (a row whose record is not in `byId` is skipped).
     */
    addTo<R, Row>(byId: Map<number, R>, owner: keyof Row, sql: string, add: (record: R, row: Row) => void): void {
      for (const row of rows<Row>(sql)) {
        const record = byId.get(row[owner] as number);
        if (record !== undefined) add(record, row);
      }
    },
  };
}

const oneIdForms = new Map<string, string>();
/** `sql` with its batch (`IN (${IDS})`) as one parameter: `IN (?)`. */
function forOneId(sql: string): string {
  let form = oneIdForms.get(sql);
  if (form === undefined) {
    form = sql.replaceAll(IDS, '?');
    oneIdForms.set(sql, form);
  }
  return form;
}

/** Sorts a list of codes in place into the order of `order` (a code missing from it first). */
export function sortByOrder<T extends string>(codes: T[], order: readonly string[]): void {
  codes.sort((x, y) => order.indexOf(x) - order.indexOf(y));
}
