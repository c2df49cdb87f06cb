// The one place that spawns ffmpeg/ffprobe. Commands arrive as argv arrays built by pure functions
// (never a shell string); progress comes from `-progress pipe:1`, errors carry the stderr tail.
import { spawn } from 'node:child_process';
import { OratorError } from '../../domain/errors.js';

export interface RunToolOptions {
  signal?: AbortSignal;
  /** Called with the output position in seconds as ffmpeg reports it (needs `-progress pipe:1`). */
  onProgress?: (outTimeSec: number) => void;
  /** Collect stdout as a Buffer (raw frames, ffprobe JSON); otherwise stdout is parsed as progress. */
  captureStdout?: boolean;
  /** Called with each child's pid (the benchmark samples their memory). */
  onSpawn?: (pid: number) => void;
}

export interface RunToolResult {
  stdout: Buffer;
  stderrTail: string;
}

const STDERR_TAIL_CHARS = 4000;

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

export function runFfmpeg(args: readonly string[], options: RunToolOptions = {}): Promise<RunToolResult> {
  return runTool('ffmpeg', args, options);
}

/** Runs ffprobe and returns its stdout as text. */
export async function runFfprobe(args: readonly string[], options: RunToolOptions = {}): Promise<string> {
  const result = await runTool('ffprobe', args, { ...options, captureStdout: true });
  return result.stdout.toString('utf8');
}

export function runTool(tool: string, args: readonly string[], options: RunToolOptions = {}): Promise<RunToolResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const chunks: Buffer[] = [];
    let stderr = '';
    let progressBuffer = '';
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
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
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.length > STDERR_TAIL_CHARS * 2) stderr = stderr.slice(-STDERR_TAIL_CHARS);
    });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new OratorError('render_failed', `${tool} could not start: ${error.message}`, { cause: error }));
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      const stderrTail = stderr.slice(-STDERR_TAIL_CHARS);
      if (signal?.aborted) return reject(abortError(signal));
      if (code !== 0) return reject(new ToolError(tool, code, stderrTail));
      resolve({ stdout: Buffer.concat(chunks), stderrTail });
    });
  });
}

/** `out_time_us=1234567` (or `out_time_ms`, which ffmpeg also reports in microseconds) → seconds. */
export function parseProgressLine(line: string): number | null {
  const match = /^out_time_(?:us|ms)=(\d+)\s*$/.exec(line.trim());
  if (!match) return null;
  return Number(match[1]) / 1_000_000;
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
