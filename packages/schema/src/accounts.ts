/** Accounts in the web (« Mon compte », set-password links, professionals' account requests). */
import { z } from 'zod';
import { CurrentUserSchema, NewPasswordSchema } from './auth.ts';
import { ACCOUNT_REQUEST_STATUSES } from './codes.ts';
import { DepartementCodeSchema } from './territory.ts';
import { hasUnsafeLineCharacter, ONE_LINE_MESSAGE } from './text.ts';

const oneLine = (max: number, required: string) =>
  z
    .string()
    .trim()
    .min(1, required)
    .max(max, `${max} caractères au plus`)
    .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE);

/** Who is signed in, or `user: null`: always a 200, so public pages ask without an error in the console. */
export const AccountSessionSchema = z
  .object({
    user: CurrentUserSchema.nullable(),
    csrf_token: z.string().nullable(),
    expires_at: z.string().nullable(),
  })
  .meta({ id: 'AccountSession' });
export type AccountSession = z.infer<typeof AccountSessionSchema>;

export const SessionSummarySchema = z
  .object({
    id: z.string(),
    user_agent: z.string().nullable().meta({ description: 'Le navigateur qui a ouvert la session' }),
    created_at: z.string(),
    last_seen_at: z.string(),
    expires_at: z.string(),
    current: z.boolean().meta({ description: 'La session de cette requête' }),
  })
  .meta({ id: 'SessionSummary' });
export type SessionSummary = z.infer<typeof SessionSummarySchema>;
export const SessionListSchema = z.object({ items: z.array(SessionSummarySchema) });
export type SessionList = z.infer<typeof SessionListSchema>;

export const SessionIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{24}$/, 'Identifiant de session invalide')
    .meta({ param: { name: 'id', in: 'path' } }),
});

export const PasswordTokenParamSchema = z.object({
  token: z
    .string()
    .max(200)
    .meta({ param: { name: 'token', in: 'path' } }),
});

/** What the « choisir un mot de passe » page shows before the person types. */
export const PasswordLinkViewSchema = z
  .object({ email: z.string(), display_name: z.string().nullable(), expires_at: z.string() })
  .meta({ id: 'PasswordLinkView' });
export type PasswordLinkView = z.infer<typeof PasswordLinkViewSchema>;

export const SetPasswordInputSchema = z.object({ password: NewPasswordSchema });
export type SetPasswordInput = z.infer<typeof SetPasswordInputSchema>;
/** The password is chosen: the account's address, to sign in with. */
export const PasswordSetSchema = z.object({ email: z.string() });

/** A professional asks for an account: lands in the administrators' queue. */
export const AccountRequestInputSchema = z.object({
  name: oneLine(200, 'Votre nom est requis'),
  organisation: oneLine(200, 'Votre structure est requise'),
  function: oneLine(200, 'Votre fonction est requise'),
  email: z.email('Adresse e-mail invalide').max(254),
  departements: z
    .array(DepartementCodeSchema)
    .min(1, 'Choisissez au moins un département')
    .max(20, '20 départements au plus')
    .transform((d) => [...new Set(d)]),
  message: z
    .string()
    .trim()
    .max(2000, '2 000 caractères au plus')
    .refine((v) => !hasUnsafeLineCharacter(v.replace(/\r?\n/g, ' ')), 'Sans caractère de contrôle ni caractère invisible')
    .optional(),
});
export type AccountRequestInput = z.input<typeof AccountRequestInputSchema>;

export const AccountRequestSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    organisation: z.string(),
    function: z.string(),
    email: z.string(),
    departements: z.array(z.string()),
    message: z.string().nullable(),
    status: z.enum(ACCOUNT_REQUEST_STATUSES),
    created_at: z.string(),
    handled_at: z.string().nullable(),
    user_id: z.number().int().nullable(),
  })
  .meta({ id: 'AccountRequest' });
export type AccountRequest = z.infer<typeof AccountRequestSchema>;
export const AccountRequestListSchema = z.object({ items: z.array(AccountRequestSchema) });
export type AccountRequestList = z.infer<typeof AccountRequestListSchema>;
