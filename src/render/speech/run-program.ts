// The one place speech code starts child processes: argv arrays only (no shell), a time limit, and
// stdout/stderr collected as text. Engines stay separate processes (licences, crash isolation).
import { spawn } from 'node:child_process';

export interface ProgramResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface RunProgramOptions {
  /** Written to the child's stdin, then stdin is closed. */
  input?: string;
  /** Kill the child after this long (default 120 s): a wedged engine must not hold a render forever. */
  timeoutMs?: number;
  cwd?: string;
}

export class ProgramError extends Error {
  constructor(
    readonly command: string,
    readonly result: ProgramResult,
    message: string,
  ) {
    super(message);
    this.name = 'ProgramError';
  }
}

/** Runs `command` with `args`; resolves with its output whatever the exit code (callers decide). */
export function runProgram(command: string, args: readonly string[], options: RunProgramOptions = {}): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    // An engine that exits before reading all of stdin raises EPIPE here; the exit code tells the story.
    child.stdin.on('error', () => {});
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const result = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code };
      if (timedOut) reject(new ProgramError(command, result, `${command} timed out`));
      else resolve(result);
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Like runProgram, but a non-zero exit is an error carrying the tail of stderr. */
export async function runProgramOk(command: string, args: readonly string[], options: RunProgramOptions = {}): Promise<ProgramResult> {
  const result = await runProgram(command, args, options);
  if (result.code !== 0) {
    throw new ProgramError(command, result, `${command} exited with ${result.code}: ${result.stderr.trim().slice(-500)}`);
  }
  return result;
}
