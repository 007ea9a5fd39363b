import { z } from 'zod';
import { DayHoursSchema, TemporaryClosureInputSchema } from './actor.ts';
import { DepartementCodeSchema } from './territory.ts';

/** What the back office's hours editor sends while a curator types: checked and shown, never stored. */
export const HoursPreviewInputSchema = z.object({
  /** Not checked by `OpeningHoursInputSchema`'s refinement: the answer says what is wrong instead of a 400. */
  opening_hours: z.string().trim().max(500),
  temporary_closures: z.array(TemporaryClosureInputSchema).max(20).default([]),
  /** The site's département: its public holidays (Alsace-Moselle, overseas) and time zone. */
  departement: DepartementCodeSchema.nullish(),
});
export type HoursPreviewInput = z.input<typeof HoursPreviewInputSchema>;

export const WeeklyIntervalSchema = z.object({ weekday: z.number().int().min(0).max(6), from: z.string(), to: z.string() });
export type WeeklyInterval = z.infer<typeof WeeklyIntervalSchema>;

export const HoursPreviewSchema = z
  .object({
    /** Null when valid (or empty); else the French message naming the problem. */
    problem: z.string().nullable(),
    /** The hours in French words, as the library writes them. */
    french: z.string().nullable(),
    /** The same intervals every week (for the day grid); null when the hours cannot be shown as such a grid. */
    weekly: z.array(WeeklyIntervalSchema).nullable(),
    /** Whether public holidays are closed on days otherwise open (`PH off`). */
    holidays_closed: z.boolean(),
    /** The next 14 days, closures and holidays included. */
    days: z.array(DayHoursSchema),
  })
  .meta({ id: 'HoursPreview' });
export type HoursPreview = z.infer<typeof HoursPreviewSchema>;
