// The `orator` command tree (commander): the roles, the key and user tools and `render`, each with --help and a
// description, and the client commands (cli/client/) that talk to a running server. Parsing only: what a
// server command does is handed in (main.ts), so tests can drive the tree.
// Bad usage (an unknown command or option, a missing argument) exits 2; help exits 0.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ROLES, type Role } from '../config.js';
import { addClientCommands } from './client/client-commands.js';

export type KeysCommand = { kind: 'create'; name: string | undefined; newSpace: boolean } | { kind: 'list' } | { kind: 'revoke'; target: string };

export type UsersCommand =
  | { kind: 'create'; email: string; name: string; role: string | undefined; space: string | undefined; passwordFromStdin: boolean }
  | { kind: 'list' }
  | { kind: 'reset-password'; email: string; passwordFromStdin: boolean };

export interface CliActions {
  /** Runs a role until it stops; resolves to the exit code. */
  runRole(role: Role): Promise<number>;
  keys(command: KeysCommand): Promise<number>;
  users(command: UsersCommand): Promise<number>;
  /** The `render` tool keeps its own argument handling (cli/render-command.ts). */
  render(args: string[]): Promise<number>;
}

export const USAGE_EXIT_CODE = 2;

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  all: 'API, render and delivery workers and schedulers in one process (the default)',
  serve: 'the API only (scale-out: run workers separately)',
  worker: 'render and webhook delivery workers only (health and metrics on ORATOR_HEALTH_PORT)',
  migrate: 'apply database migrations and exit',
};

function packageVersion(): string {
  try {
    // src/cli/ and dist/cli/ are both two levels below the package root.
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function buildCli(actions: CliActions, done: (code: number) => void): Command {
  const program = new Command('orator')
    .description('Self-hosted avatar videos behind the HeyGen API. Without a command, runs ORATOR_ROLE (default: all).')
    .version(packageVersion(), '-v, --version')
    .exitOverride()
    .showSuggestionAfterError()
    .addHelpText('after', '\nSettings are environment variables (PORT, ORATOR_DATA_DIR, ORATOR_DATABASE_URL, …): see the README.');

  for (const role of ROLES) {
    program
      .command(role)
      .description(ROLE_DESCRIPTIONS[role])
      .action(async () => done(await actions.runRole(role)));
  }

  const keys = program.command('keys').description('create, list and revoke API keys (in the configured database)');
  keys
    .command('create')
    .description('create an API key and print it once on stdout (only its hash is stored)')
    .option('--name <name>', 'a label shown by `keys list`')
    .option('--new-space', 'put the key in a new space of its own instead of the default space')
    .action(async (o: { name?: string; newSpace?: boolean }) => done(await actions.keys({ kind: 'create', name: o.name, newSpace: o.newSpace === true })));
  keys
    .command('list')
    .description('list keys: id, prefix, space, name, state (tab-separated)')
    .action(async () => done(await actions.keys({ kind: 'list' })));
  keys
    .command('revoke')
    .description('revoke a key by its id or display prefix')
    .argument('<id-or-prefix>', 'the key id or the prefix `keys list` shows')
    .action(async (target: string) => done(await actions.keys({ kind: 'revoke', target })));

  addUsersCommands(program, actions, done);
  addClientCommands(program, done);

  program
    .command('render')
    .description('render one plan file without the server; the result is printed as JSON on stdout')
    .argument('<plan.json>', 'a render plan (see src/render/plan.ts)')
    .argument('<out-dir>', 'where the video, thumbnail, GIF and captions go')
    .option('--cache-dir <dir>', 'cache for speech and stills (default: $ORATOR_DATA_DIR/cache)')
    .option('--quiet', 'no progress lines on stderr')
    .action(async (plan: string, outDir: string, o: { cacheDir?: string; quiet?: boolean }) =>
      done(await actions.render([plan, outDir, ...(o.cacheDir ? ['--cache-dir', o.cacheDir] : []), ...(o.quiet ? ['--quiet'] : [])])),
    );

  return program;
}

function addUsersCommands(program: Command, actions: CliActions, done: (code: number) => void): void {
  const users = program.command('users').description('create and list accounts, reset passwords (in the configured database)');
  const stdinHelp = 'read the password from stdin instead of generating one (printed once on stdout)';
  users
    .command('create')
    .description('create an account; the first account of an install becomes owner of the default space')
    .requiredOption('--email <email>', 'sign-in email (unique, any letter case)')
    .requiredOption('--name <name>', 'display name')
    .option('--space <space-id>', 'space to join when this is not the first account (default: the default space)')
    .option('--role <role>', 'owner, admin or member in that space (default: member)')
    .option('--password-stdin', stdinHelp)
    .action(async (o: { email: string; name: string; space?: string; role?: string; passwordStdin?: boolean }) =>
      done(await actions.users({ kind: 'create', email: o.email, name: o.name, role: o.role, space: o.space, passwordFromStdin: o.passwordStdin === true })),
    );
  users
    .command('list')
    .description('list accounts: id, email, name, spaces as space:role (tab-separated)')
    .action(async () => done(await actions.users({ kind: 'list' })));
  users
    .command('reset-password')
    .description('set a new password and end every session of the account')
    .argument('<email>', 'the account to reset')
    .option('--password-stdin', stdinHelp)
    .action(async (email: string, o: { passwordStdin?: boolean }) => done(await actions.users({ kind: 'reset-password', email, passwordFromStdin: o.passwordStdin === true })));
}

/** Parses `argv` (without node and the script) and runs the command; resolves to the exit code. */
export async function runCli(argv: string[], actions: CliActions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let code = 0;
  const program = buildCli(actions, (c) => (code = c));
  let args = argv;
  if (args.length === 0) {
    // No word: the role comes from the environment (containers set ORATOR_ROLE instead of a command).
    const role = env.ORATOR_ROLE || 'all';
    if (!(ROLES as readonly string[]).includes(role)) {
      process.stderr.write(`error: ORATOR_ROLE must be one of ${ROLES.join(', ')}; got "${role}"\n`);
      return USAGE_EXIT_CODE;
    }
    args = [role];
  }
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (err) {
    // Commander has printed the help or the error already; only the exit code is left to decide.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    throw err;
  }
  return code;
}
