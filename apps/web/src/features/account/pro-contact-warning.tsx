/**
 * The actor editor's warning: a contact « réservé aux professionnels » attached to a confidential
 * site is shown to nobody (publicView drops every contact of a confidential site, for
 * professionals too). Self-contained: the editor renders it under each contact.
 */
import { frAccount } from '../../i18n/fr.account.ts';

export function ProContactOnConfidentialSite({
  contact,
  sites,
}: {
  contact: { visibility: string; site: string };
  sites: readonly { confidential: boolean }[];
}) {
  const site = contact.site === '' ? undefined : sites[Number(contact.site)];
  if (contact.visibility !== 'professionnels' || !site?.confidential) return null;
  return (
    <p className="account-warning" role="note">
      {frAccount.warning.proOnConfidential}
    </p>
  );
}
