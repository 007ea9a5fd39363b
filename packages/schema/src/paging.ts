/**
 * Paged lists, said once: the query parameters that ask for a page, the filters of a back-office
 * list, and the answer that carries one page. Each builder makes new schemas at each call.
 */
import { z } from 'zod';

/** How a module reads a whole number from a query string (its own wording of a refusal). */
type WholeNumberReader<P extends z.ZodType> = (name: string, min: number, max: number, def: number) => P;

/** `page` (1 to 10,000, default 1) and `per_page` (1 to `maxPerPage`, default `perPage`), read by `read`. */
export const pageParams = <P extends z.ZodType>(read: WholeNumberReader<P>, maxPerPage: number, perPage: number) => ({
  page: read('page', 1, 10_000, 1),
  per_page: read('per_page', 1, maxPerPage, perPage),
});

/** The free text a curator types to narrow a back-office list. */
export const adminSearchText = () => z.string().trim().max(200).optional();

/** A back-office list's status filter: one of `statuses`, or `all`. */
export const statusFilter = <const T extends readonly [string, ...string[]]>(statuses: T) => z.enum([...statuses, 'all']).optional();

/** One page of a list: how many in all, which page, its size, and its items. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), page: z.number().int(), per_page: z.number().int(), items: z.array(item) });
