import { z } from 'zod';

/** Stable error codes: programs branch on these, people read `message`. */
export const ERROR_CODES = [
  'validation_error',
  'not_found',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'conflict',
  'gone',
  'payload_too_large',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorIssueSchema = z.object({
  path: z.string().meta({ description: 'Champ en cause, par ex. `radius_km` ou `sites.0.postcode`' }),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof ErrorIssueSchema>;

export const ErrorBodySchema = z
  .object({
    error: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(ErrorIssueSchema).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
