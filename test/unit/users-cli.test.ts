// `orator users create|list|reset-password`, spawned as a shell would run it: the first account owns
// the default space, a generated password is printed once on stdout, refusals exit non-zero with the
// reason, and the accounts it makes sign in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type UsersCommand } from '../../src/cli/build-cli.js';
import { composeTestPlatform } from '../support/test-platform.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function orator(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

test('spawned: users create (first = owner), create into a space with a role, list, reset-password, refusals', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-users-cli-'));
  const env = { ORATOR_DATA_DIR: dataDir };
  try {
    const first = await orator(['users', 'create', '--email', 'Root@Example.test', '--name', 'Root Person', '--password-stdin'], env, 'root-password-1\n');
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '', 'a password from stdin is not echoed');
    assert.match(first.stderr, /created user_[0-9a-f]{32} <Root@Example\.test>, owner of Default space \(space_default\) as the first account/);

    const second = await orator(['users', 'create', '--email', 'helper@example.test', '--name', 'Helper', '--role', 'admin'], env);
    assert.equal(second.code, 0, second.stderr);
    const generated = second.stdout.trim();
    assert.match(generated, /^[\w-]{24}$/, 'a generated password, printed once');
    assert.match(second.stderr, /admin of Default space/);

    const taken = await orator(['users', 'create', '--email', 'ROOT@example.test', '--name', 'Again', '--password-stdin'], env, 'another-password\n');
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /^error: email: an account with this email already exists/);
    const badRole = await orator(['users', 'create', '--email', 'x@example.test', '--name', 'X', '--role', 'boss'], env);
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /--role must be owner, admin or member/);
    const short = await orator(['users', 'create', '--email', 'y@example.test', '--name', 'Y', '--password-stdin'], env, 'short\n');
    assert.equal(short.code, 1);
    assert.match(short.stderr, /password must be at least 10 characters long/);

    const list = await orator(['users', 'list'], env);
    assert.equal(list.code, 0, list.stderr);
    const rows = list.stdout.trim().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(rows.map((r) => [r[1], r[2], r[3]]), [['Root@Example.test', 'Root Person', 'space_default:owner'], ['helper@example.test', 'Helper', 'space_default:admin']]);

    const reset = await orator(['users', 'reset-password', 'HELPER@example.test'], env);
    assert.equal(reset.code, 0, reset.stderr);
    const newPassword = reset.stdout.trim();
    assert.notEqual(newPassword, generated);
    assert.equal((await orator(['users', 'reset-password', 'nobody@example.test'], env)).code, 1);

    const p = await composeTestPlatform({ dataDir, startWorkers: false });
    try {
      const signIn = (email: string, password: string) => p.platform.users.signIn({ email, password, address: 'cli-test' });
      assert.equal((await signIn('root@example.test', 'root-password-1')).kind, 'signed_in');
      assert.equal((await signIn('helper@example.test', generated)).kind, 'refused', 'the reset replaced it');
      assert.equal((await signIn('helper@example.test', newPassword)).kind, 'signed_in');
    } finally {
      await p.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('users commands parse into their actions; --help runs nothing; missing options exit 2', async () => {
  const calls: UsersCommand[] = [];
  const actions = { runRole: async () => 0, keys: async () => 0, render: async () => 0, users: async (c: UsersCommand) => (calls.push(c), 0) };
  // Commander prints help and errors itself; keep them out of the test output.
  const run = async (argv: string[]) => {
    const out = process.stdout.write;
    const err = process.stderr.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      return await runCli(argv, actions, {});
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
  };
  assert.equal(await run(['users', 'create', '--email', 'a@b.test', '--name', 'A', '--space', 'space_x', '--role', 'admin', '--password-stdin']), 0);
  assert.equal(await run(['users', 'list']), 0);
  assert.equal(await run(['users', 'reset-password', 'a@b.test']), 0);
  assert.deepEqual(calls, [
    { kind: 'create', email: 'a@b.test', name: 'A', role: 'admin', space: 'space_x', passwordFromStdin: true },
    { kind: 'list' },
    { kind: 'reset-password', email: 'a@b.test', passwordFromStdin: false },
  ]);
  calls.length = 0;
  assert.equal(await run(['users', 'create', '--name', 'A']), 2, 'no --email');
  assert.equal(await run(['users', 'reset-password']), 2, 'no email argument');
  assert.equal(await run(['users', 'create', '--help']), 0);
  assert.deepEqual(calls, []);
});
