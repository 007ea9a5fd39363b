/** How the person reaches an actor: call, write, or ask PARÉ to put them in touch. */
import type { Channel, PublicActor, PublicSite } from '@pare/schema';
import type { ContactNote } from './texts.ts';

const WRITTEN_KINDS: ReadonlySet<string> = new Set(['email', 'website', 'chat', 'sms']);

/**
 * `reachedSite` is the site that brings the actor close to the person. When it is confidential (a
 * shelter), the person goes through a contact request even if the actor has a public phone elsewhere:
 * the public reaches a confidential place only that way, and the request always goes to the PARÉ team.
 */
export function chooseChannel(actor: PublicActor, reachedSite: PublicSite | undefined): { channel: Channel; note: ContactNote } {
  const onlyConfidentialSites = actor.sites.length > 0 && actor.sites.every((s) => s.confidential);
  if (onlyConfidentialSites || reachedSite?.confidential) return { channel: 'demande-de-contact', note: 'confidential' };

  if (actor.contacts.some((c) => c.kind === 'phone')) return { channel: 'appeler', note: undefined };
  // Without a phone, a request the actor answers itself is quicker than an e-mail nobody triages.
  if (actor.accepts_contact_requests) return { channel: 'demande-de-contact', note: 'request-to-actor' };
  if (actor.contacts.some((c) => WRITTEN_KINDS.has(c.kind))) return { channel: 'ecrire', note: undefined };
  return { channel: 'demande-de-contact', note: 'request-to-pare' };
}
