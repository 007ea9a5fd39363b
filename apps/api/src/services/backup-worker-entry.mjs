// Entry of the daily backup's worker thread (backup-job.ts). The app runs its TypeScript sources
// through tsx, whose module hooks a worker does not inherit: they are registered here first.
import { register } from 'tsx/esm/api';

register();
await import('./backup-worker.ts');
