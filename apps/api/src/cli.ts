/**
 * PARÉ's command line: `pnpm pare <command>`. Works on the database named by PARE_DB.
 *   admin:create --email <address>        creates an administrator; the password is read from stdin
 *   user:create --email <a> --role <r> [--departements 57,54] [--name "…"]   same, any role
 *   db:migrate                            applies pending migrations
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openDatabase, userRepository } from '@pare/db';
import { CreateUserInputSchema, ROLES } from '@pare/schema';
import { loadEnv } from './env.ts';
import { hashPassword } from './services/auth.ts';

/** Reads one line from stdin without echoing it when stdin is a terminal. */
async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  const rl = createInterface({ input, terminal: true });
  // Mute the echo of typed characters.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  const line = await new Promise<string>((resolve) => rl.once('line', resolve));
  rl.close();
  process.stderr.write('\n');
  return line;
}

async function createUserCommand(args: string[], forcedRole?: (typeof ROLES)[number]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, role: { type: 'string' }, departements: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const password = await readPassword('Mot de passe (12 caractères au moins) : ');
  const parsed = CreateUserInputSchema.safeParse({
    email: values.email,
    password,
    role: forcedRole ?? values.role,
    departements: values.departements ? values.departements.split(',').map((d) => d.trim()) : [],
    display_name: values.name,
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues) console.error(`${i.path.join('.') || 'entrée'} : ${i.message}`);
    process.exit(2);
  }
  const env = loadEnv();
  const db = openDatabase(env.PARE_DB);
  const users = userRepository(db);
  if (users.findUserByEmail(parsed.data.email)) {
    console.error(`Un compte existe déjà pour ${parsed.data.email}.`);
    process.exit(3);
  }
  const user = users.createUser({
    email: parsed.data.email,
    passwordHash: await hashPassword(parsed.data.password),
    role: parsed.data.role,
    departements: parsed.data.departements,
    displayName: parsed.data.display_name ?? null,
  });
  db.close();
  console.log(`Compte ${user.role} créé : ${user.email} (id ${user.id}) dans ${env.PARE_DB}`);
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'admin:create':
    await createUserCommand(rest, 'admin');
    break;
  case 'user:create':
    await createUserCommand(rest);
    break;
  case 'db:migrate': {
    const env = loadEnv();
    openDatabase(env.PARE_DB).close();
    console.log(`Base à jour : ${env.PARE_DB}`);
    break;
  }
  default:
    console.error('Commandes : admin:create --email <adresse> | user:create --email <a> --role <rôle> [--departements 57,54] | db:migrate');
    process.exit(command ? 1 : 0);
}
