// The one place the render engine spawns programs (ffmpeg, ffprobe, TTS engines, the recogniser).
// Commands arrive as argv arrays built by pure functions (never a shell string); stdout is collected
// or parsed as ffmpeg's `-progress pipe:1`, stderr is kept as a tail for error messages.
import { spawn } from 'node:child_process';
import { OratorError } from '../domain/errors.js';

export interface SpawnOptions {
  /** Written to the child's stdin, then stdin is closed; without it stdin is not connected. */
  input?: string;
  /** Kill the child after this long; the run rejects with ProgramError. */
  timeoutMs?: number;
  cwd?: string;
  signal?: AbortSignal;
  /** Collect stdout; otherwise it is only read for progress lines. */
  captureStdout?: boolean;
  /** Called with the output position in seconds as ffmpeg reports it (needs `-progress pipe:1`). */
  onProgress?: (outTimeSec: number) => void;
  /** Called with each child's pid (the benchmark samples their memory). */
  onSpawn?: (pid: number) => void;
}

export interface SpawnResult {
  stdout: Buffer;
  stderrTail: string;
  code: number | null;
}

const STDERR_TAIL_CHARS = 4000;

/** Runs `command`; resolves whatever the exit code. Rejects when it cannot start, times out or is aborted. */
export function spawnProgram(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<SpawnResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const chunks: Buffer[] = [];
    let stderr = '';
    let progressBuffer = '';
    let timedOut = false;
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (options.captureStdout) {
        chunks.push(chunk);
        return;
      }
      progressBuffer += chunk.toString('utf8');
      const lines = progressBuffer.split('\n');
      progressBuffer = lines.pop() ?? '';
      for (const line of lines) {
        const seconds = parseProgressLine(line);
        if (seconds !== null) options.onProgress?.(seconds);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.length > STDERR_TAIL_CHARS * 2) stderr = stderr.slice(-STDERR_TAIL_CHARS);
    });
    const settle = (): void => {
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(timer);
    };
    child.on('error', (error) => {
      settle();
      reject(error);
    });
    child.on('close', (code) => {
      settle();
      const result = { stdout: Buffer.concat(chunks), stderrTail: stderr.slice(-STDERR_TAIL_CHARS), code };
      if (signal?.aborted) return reject(abortError(signal));
      if (timedOut) return reject(new ProgramError(command, textResult(result), `${command} timed out`));
      resolve(result);
    });
    if (options.input !== undefined) {
      // A program that exits before reading all of stdin raises EPIPE here; the exit code tells the story.
      child.stdin!.on('error', () => {});
      child.stdin!.end(options.input);
    }
  });
}

// ffmpeg and ffprobe: failures are ToolErrors that render code maps to typed OratorErrors with context.

export type RunToolOptions = Pick<SpawnOptions, 'signal' | 'onProgress' | 'captureStdout' | 'onSpawn'>;

export interface RunToolResult {
  stdout: Buffer;
  stderrTail: string;
}

/** Thrown when a tool exits non-zero; render code maps it to a typed OratorError with context. */
export class ToolError extends Error {
  constructor(
    readonly tool: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(`${tool} exited with ${exitCode}: ${lastLines(stderrTail, 6)}`);
    this.name = 'ToolError';
  }
}

export async function runTool(tool: string, args: readonly string[], options: RunToolOptions = {}): Promise<RunToolResult> {
  let result: SpawnResult;
  try {
    result = await spawnProgram(tool, args, options);
  } catch (error) {
    if (error instanceof Error && 'syscall' in error) {
      throw new OratorError('render_failed', `${tool} could not start: ${error.message}`, { cause: error });
    }
    throw error;
  }
  if (result.code !== 0) throw new ToolError(tool, result.code, result.stderrTail);
  return { stdout: result.stdout, stderrTail: result.stderrTail };
}

export function runFfmpeg(args: readonly string[], options: RunToolOptions = {}): Promise<RunToolResult> {
  return runTool('ffmpeg', args, options);
}

/** Runs ffprobe and returns its stdout as text. */
export async function runFfprobe(args: readonly string[], options: RunToolOptions = {}): Promise<string> {
  const result = await runTool('ffprobe', args, { ...options, captureStdout: true });
  return result.stdout.toString('utf8');
}

// Speech engines and the recogniser: text output, a time limit, the caller reads the exit code.

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
export async function runProgram(command: string, args: readonly string[], options: RunProgramOptions = {}): Promise<ProgramResult> {
  const result = await spawnProgram(command, args, {
    input: options.input ?? '', timeoutMs: options.timeoutMs ?? 120_000, captureStdout: true, ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  return textResult(result);
}

/** Like runProgram, but a non-zero exit is an error carrying the tail of stderr. */
export async function runProgramOk(command: string, args: readonly string[], options: RunProgramOptions = {}): Promise<ProgramResult> {
  const result = await runProgram(command, args, options);
  if (result.code !== 0) {
    throw new ProgramError(command, result, `${command} exited with ${result.code}: ${result.stderr.trim().slice(-500)}`);
  }
  return result;
}

/** `out_time_us=1234567` (or `out_time_ms`, which ffmpeg also reports in microseconds) → seconds. */
export function parseProgressLine(line: string): number | null {
  const match = /^out_time_(?:us|ms)=(\d+)\s*$/.exec(line.trim());
  if (!match) return null;
  return Number(match[1]) / 1_000_000;
}

function textResult(result: SpawnResult): ProgramResult {
  return { stdout: result.stdout.toString('utf8'), stderr: result.stderrTail, code: result.code };
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('The render was aborted');
  error.name = 'AbortError';
  return error;
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}
