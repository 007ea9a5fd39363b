import { z } from 'zod';
import { codesOf } from './codes.ts';
import { DepartementCodeSchema } from './territory.ts';
import { hasUnsafeLineCharacter, ONE_LINE_MESSAGE } from './text.ts';

/** The name an account signs with in the history: one line, and never an e-mail address (it would be a login). */
export const DisplayNameSchema = z
  .string()
  .trim()
  .max(200)
  .refine((v) => !hasUnsafeLineCharacter(v), ONE_LINE_MESSAGE)
  .refine((v) => !v.includes('@'), 'Un nom, pas une adresse e-mail (« Équipe PARÉ », « Relais territorial Moselle »)');

/**
 * `admin`: everything, accounts included. `curateur`: all entries and submissions.
 * `relais`: entries and submissions of their départements only. `professionnel-verifie`:
 * no editing; sees contacts marked professionals-only.
 */
export const ROLE_LABELS = {
  admin: 'Administrateur',
  curateur: 'Curateur',
  relais: 'Relais territorial',
  'professionnel-verifie': 'Professionnel vérifié',
};
export const ROLES = codesOf(ROLE_LABELS);
export type Role = (typeof ROLES)[number];

/** Roles that may edit the directory. */
export const EDITOR_ROLES = ['admin', 'curateur', 'relais'] as const satisfies readonly Role[];

export const LoginInputSchema = z.object({
  email: z.email('Adresse e-mail invalide').max(254),
  password: z.string().min(1, 'Mot de passe requis').max(1024),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

/** A password a person chooses: long rather than complicated. */
export const NewPasswordSchema = z.string().min(12, 'Le mot de passe doit faire au moins 12 caractères').max(1024);

/** Who an account is: what the signed-in person and the administrators' list both show. */
export const AccountFieldsShape = {
  id: z.number().int(),
  email: z.string(),
  role: z.enum(ROLES),
  departements: z.array(z.string()),
  display_name: z.string().nullable(),
};

export const CurrentUserSchema = z.object(AccountFieldsShape).meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof CurrentUserSchema>;

export const SessionResponseSchema = z.object({
  user: CurrentUserSchema,
  csrf_token: z.string().meta({ description: 'À renvoyer dans l’en-tête X-CSRF-Token de chaque requête qui modifie' }),
  expires_at: z.string(),
});
/** The signed-in session (`GET /api/auth/me`, `POST /api/auth/login`). */
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const CreateUserInputSchema = z
  .object({
    email: z.email('Adresse e-mail invalide').max(254),
    /** Left out by the web: the account then gets a « choisir un mot de passe » link by mail. */
    password: NewPasswordSchema.optional(),
    role: z.enum(ROLES),
    departements: z.array(DepartementCodeSchema).default([]),
    display_name: DisplayNameSchema.nullish(),
    /** The professional's request this account answers: closed as « compte créé ». */
    account_request_id: z.number().int().positive().optional(),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'relais' && u.departements.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['departements'], message: 'Un relais doit avoir au moins un département' });
    }
  });
export type CreateUserInput = z.infer<typeof CreateUserInputSchema>;

export const MessageSchema = z.object({ message: z.string() });
