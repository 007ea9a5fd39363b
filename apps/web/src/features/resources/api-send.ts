/** The resource centre's forms send through the app's one `apiSend` (lib/api.ts): JSON or multipart, with the CSRF token. */
export { apiSend } from '../../lib/api.ts';
