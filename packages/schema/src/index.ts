import { z } from 'zod';

// Validation messages a person reads are in French, everywhere the schemas are used.
z.config(z.locales.fr());

export * from './accounts.ts';
export * from './actor.ts';
export * from './answer.ts';
export * from './answers.ts';
export * from './auth.ts';
export * from './campaigns.ts';
export * from './codes.ts';
export * from './contact-requests.ts';
export * from './curation.ts';
export * from './errors.ts';
export * from './health.ts';
export * from './hours.ts';
export * from './import.ts';
export * from './import-report.ts';
export * from './news.ts';
export * from './newsletter.ts';
export * from './open-data.ts';
export * from './orientation.ts';
export * from './outbox.ts';
export * from './query.ts';
export * from './resources.ts';
export * from './stats.ts';
export * from './territory.ts';
export * from './text.ts';
