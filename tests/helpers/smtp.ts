/** A real SMTP server in the test process (smtp-server), and a MIME reader without another dependency. */
import { type AddressInfo, createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll } from 'vitest';

export type Delivered = { from: string; to: string[]; raw: string };

export type SmtpServer = { url: string; delivered: Delivered[]; close: () => Promise<void> };

/**
 * Starts an SMTP server on a free port; every message it accepts lands in `delivered`. A slow relay
 * for the tests that need one: `receiving` is told when a message starts arriving, and the server
 * accepts it only `acceptAfterMs` after it has arrived.
 */
export async function startSmtpServer(opts: { receiving?: () => void; acceptAfterMs?: number } = {}): Promise<SmtpServer> {
  const delivered: Delivered[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      opts.receiving?.();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const accept = () => {
          delivered.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        };
        if (opts.acceptAfterMs) setTimeout(accept, opts.acceptAfterMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    delivered,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/**
 * A real SMTP server for the test file that calls this (at its top, before the hooks that need
 * `url`): listening before the file's first test, closed after its last, its mailbox emptied after
 * each test unless `keepBetweenTests`. `url` and `delivered` are read once it has started.
 */
export function smtpServerForFile(opts: { keepBetweenTests?: boolean } = {}): { readonly url: string; readonly delivered: Delivered[] } {
  let server: SmtpServer | undefined;
  const started = (): SmtpServer => {
    if (!server) throw new Error('the SMTP server starts in the file’s first beforeAll');
    return server;
  };
  beforeAll(async () => {
    server = await startSmtpServer();
  });
  afterAll(() => server?.close());
  if (!opts.keepBetweenTests) {
    afterEach(() => {
      if (server) server.delivered.length = 0;
    });
  }
  return {
    get url() {
      return started().url;
    },
    get delivered() {
      return started().delivered;
    },
  };
}

/** A port nothing listens on: the SMTP relay is down. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

export function readMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { headers, text: body.replace(/\r\n/g, '\n') };
}
