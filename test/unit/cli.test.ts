// The `orator` command line (cli/build-cli.ts): --help on every command prints usage and runs nothing,
// bad usage exits 2, ORATOR_ROLE picks the role when no word is given. The real binary is spawned where
// the point is what a shell sees (exit codes, no key created); the rest drives the tree in-process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliActions, type KeysCommand } from '../../src/cli/build-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function orator(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('spawned: `keys create --help` prints usage and creates no key (the database is never opened)', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-cli-'));
  try {
    const [help, bogus, unknown] = await Promise.all([
      orator(['keys', 'create', '--help'], { ORATOR_DATA_DIR: dataDir }),
      orator(['keys', 'create', '--nmae', 'typo'], { ORATOR_DATA_DIR: dataDir }),
      orator(['frobnicate'], { ORATOR_DATA_DIR: dataDir }),
    ]);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /Usage: orator keys create \[options\]/);
    assert.match(help.stdout, /--name <name>/);
    assert.doesNotMatch(help.stdout, /sk_/);
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /unknown option '--nmae'/);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    assert.deepEqual(fs.readdirSync(dataDir), [], 'nothing written: no database, no key');

    // The control: without --help a key is created and printed once.
    const created = await orator(['keys', 'create', '--name', 'ci'], { ORATOR_DATA_DIR: dataDir });
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^sk_\S+\n$/);
    assert.notDeepEqual(fs.readdirSync(dataDir), []);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Runs the tree in-process with recording actions, capturing what commander prints. */
async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const calls: unknown[] = [];
  const actions: CliActions = {
    runRole: async (role) => (calls.push({ role }), 0),
    keys: async (command: KeysCommand) => (calls.push(command), 0),
    render: async (args) => (calls.push({ render: args }), 0),
  };
  let out = '';
  let err = '';
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((err += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await runCli(argv, actions, env);
    return { code, calls, out, err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

const COMMANDS = [[], ['all'], ['serve'], ['worker'], ['migrate'], ['keys'], ['keys', 'create'], ['keys', 'list'], ['keys', 'revoke'], ['render']];

test('every command has --help and a description; help runs nothing and exits 0', async () => {
  for (const words of COMMANDS) {
    const r = await cli([...words, '--help']);
    assert.equal(r.code, 0, `${words.join(' ')} --help: ${r.err}`);
    assert.deepEqual(r.calls, [], `${words.join(' ')} --help ran something`);
    assert.match(r.out, new RegExp(`^Usage: orator${words.map((w) => ` ${w}`).join('')} `), words.join(' '));
    assert.match(r.out.split('\n').slice(1).join('\n'), /\n\S.+\n/, `${words.join(' ')} has a description`);
  }
  // `help <command>` too.
  const r = await cli(['help', 'keys']);
  assert.equal(r.code, 0);
  assert.match(r.out, /Usage: orator keys/);
});

test('bad usage exits 2 and runs nothing: unknown options, unknown commands, missing or extra arguments', async () => {
  for (const argv of [['--bogus'], ['serve', '--bogus'], ['keys', 'list', '-x'], ['keys', 'revoke'], ['keys', 'revoke', 'a', 'b'], ['render', 'plan.json'], ['worker', 'extra'], ['keys'], ['nope']]) {
    const r = await cli(argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
    assert.deepEqual(r.calls, [], argv.join(' '));
    assert.notEqual(r.err, '', `${argv.join(' ')} says why`);
  }
});

test('ORATOR_ROLE picks the role when no word is given; a word wins; an unknown ORATOR_ROLE exits 2', async () => {
  assert.deepEqual((await cli([], {})).calls, [{ role: 'all' }]);
  assert.deepEqual((await cli([], { ORATOR_ROLE: 'worker' })).calls, [{ role: 'worker' }]);
  assert.deepEqual((await cli(['serve'], { ORATOR_ROLE: 'worker' })).calls, [{ role: 'serve' }]);
  const bad = await cli([], { ORATOR_ROLE: 'server' });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /ORATOR_ROLE must be one of all, serve, worker, migrate/);
  assert.deepEqual(bad.calls, []);
});

test('commands get their arguments: keys create/revoke options, render keeps its own argument list', async () => {
  assert.deepEqual((await cli(['keys', 'create'])).calls, [{ kind: 'create', name: undefined, newSpace: false }]);
  assert.deepEqual((await cli(['keys', 'create', '--name', 'ci', '--new-space'])).calls, [{ kind: 'create', name: 'ci', newSpace: true }]);
  assert.deepEqual((await cli(['keys', 'list'])).calls, [{ kind: 'list' }]);
  assert.deepEqual((await cli(['keys', 'revoke', 'sk_orator_abc'])).calls, [{ kind: 'revoke', target: 'sk_orator_abc' }]);
  assert.deepEqual((await cli(['render', 'plan.json', 'out'])).calls, [{ render: ['plan.json', 'out'] }]);
  assert.deepEqual((await cli(['render', '--quiet', 'plan.json', 'out', '--cache-dir', '/tmp/c'])).calls, [{ render: ['plan.json', 'out', '--cache-dir', '/tmp/c', '--quiet'] }]);
});

test('an action exit code is the exit code', async () => {
  const r = await runCli(['keys', 'list'], { runRole: async () => 0, keys: async () => 1, render: async () => 0 }, {});
  assert.equal(r, 1);
});
