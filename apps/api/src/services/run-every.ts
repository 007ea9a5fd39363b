/**
 * The server's periodic work (the outbox worker, the jobs, the purges, the lease's renewal) runs
 * once at start and then on a timer that must never keep the process alive.
 */

/** Runs `tick` now and then every `ms`; returns what stops the timer (work under way is the caller's to wait for). */
export function runEvery(tick: () => void, ms: number): () => void {
  tick();
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
}
