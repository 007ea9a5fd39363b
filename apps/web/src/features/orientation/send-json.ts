/** The orientation and inbox requests send through the app's one `apiSend` (lib/api.ts), which handles the CSRF token. */
import { apiSend, rememberCsrfToken } from '../../lib/api.ts';

/** `csrf`: a token the caller already holds (the inbox, from its session). */
export function sendJson<T>(method: 'POST' | 'PATCH', path: `/${string}`, body?: unknown, csrf?: string | null): Promise<T> {
  if (csrf) rememberCsrfToken(csrf);
  return apiSend<T>(method, path, body);
}
