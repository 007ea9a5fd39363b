/** Small answers and forms several routes share. */
import { z } from 'zod';

/** `DELETE` of a draft: it is gone. */
export const DeletedSchema = z.object({ deleted: z.literal(true) });

/** Sessions closed (« déconnecter mes autres sessions », an administrator ending a account's). */
export const EndedSessionsSchema = z.object({ ended: z.number().int() });

/** A record created: its identifier. */
export const CreatedIdSchema = z.object({ id: z.number().int() });

/** A file sent as `multipart/form-data`, in the field `file`. */
export const FileUploadFormSchema = z.object({ file: z.string().meta({ format: 'binary' }) });
