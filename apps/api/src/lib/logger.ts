/** A one-line JSON logger. It is given fields explicitly, so a request body can never reach it by accident. */
export type Logger = {
  info: (msg: string, fields?: Record<string, unknown>) => void;
  error: (msg: string, fields?: Record<string, unknown>) => void;
};

export function createLogger(
  level: 'silent' | 'error' | 'info',
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Logger {
  const emit = (lvl: string, msg: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
  return {
    info: (msg, fields) => level === 'info' && emit('info', msg, fields),
    error: (msg, fields) => level !== 'silent' && emit('error', msg, fields),
  };
}
