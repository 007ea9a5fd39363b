/**
 * Turns on the event loop for the costly public reads (a search, the map's points): a few run in
 * one pass of the loop, the others in the next passes, in the order they came.
 *
 * Why: since libuv 1.45 (Node 20), a server accepts one new connection per pass of its event loop
 * (libuv pull request 3696, « don't accept() connections in a loop »), and a pass ran every request
 * whose bytes had arrived: under load, 50 searches of about a millisecond each, 50–150 ms a pass.
 * New connections were then let in at 7–20 a second — a visitor's first request waited in the
 * kernel's queue for seconds behind the others' (at the start of a 50-connection load, the last
 * connection was accepted 4 s after it was made; strace of the server, docs/PERFORMANCE.md §12).
 * With turns, a pass runs at most `size` costly requests, so the next pass (and its accept) comes
 * within a few milliseconds; the requests waiting are served first come, first served, whatever
 * connection they came on.
 */

/** Costly requests run in one pass of the event loop; the rest wait for the next passes. */
export const TURN_SIZE = 4;

function turnTaker(size = TURN_SIZE) {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  /** One pass's turns: resolved here, their requests run as microtasks once this returns. */
  const pass = () => {
    for (const go of waiting.splice(0, size)) go();
    // Scheduled from a check phase, the next batch runs in the next pass, after its poll (and accept).
    if (waiting.length > 0) setImmediate(pass);
    else scheduled = false;
  };
  return {
    /** Resolves when this request's turn comes (in this pass's check phase, or a later pass's). */
    take(): Promise<void> {
      return new Promise((resolve) => {
        waiting.push(resolve);
        if (!scheduled) {
          scheduled = true;
          setImmediate(pass);
        }
      });
    },
  };
}

/** The process's turns: one event loop, one queue. */
export const costlyTurns = turnTaker();
