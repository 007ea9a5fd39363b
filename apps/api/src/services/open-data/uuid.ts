/** Name-based UUIDs (RFC 9562 version 5): the stable HSDS identifiers of our records. */
import { createHash } from 'node:crypto';

/**
 * PARÉ's namespace. Fixed once and for all: changing it would change every published HSDS id.
 * Anyone can recompute an id: uuidV5('organization:42', PARE_UUID_NAMESPACE).
 */
export const PARE_UUID_NAMESPACE = '05c4f76b-eb88-4265-ad04-e650e204edd4';

/** The version-5 UUID of `name` in `namespace` (SHA-1 of namespace bytes + UTF-8 name). */
export function uuidV5(name: string, namespace: string = PARE_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error('Invalid UUID namespace');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
