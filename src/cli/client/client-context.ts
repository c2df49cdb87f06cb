// What every client command shares: which server and key (flags, then ORATOR_BASE_URL / ORATOR_API_KEY),
// machine output with --json, and one mapping from what went wrong to the exit code a script can test:
// 0 ok, 1 the API refused or could not be reached, 2 usage, 3 timed out waiting, 4 the video failed.
import { ApiError, ConnectionError, createOratorClient, VideoFailedError, WaitTimeoutError, type OratorClient } from '../../client/index.js';
import { OAuthError } from '../../client/oauth-pkce.js';

export const EXIT = { ok: 0, api: 1, usage: 2, timeout: 3, videoFailed: 4 } as const;

export interface ConnectionOptions {
  baseUrl?: string;
  apiKey?: string;
  json?: boolean;
}

/** A mistake in the command line that commander could not see (a missing script, a malformed --var). */
export class UsageError extends Error {}

export interface ClientContext {
  client: OratorClient;
  json: boolean;
  /** Result data: JSON with --json, else the human lines given. */
  print(data: unknown, human: () => string[]): void;
  /** Progress and notes: stderr, so stdout stays the result. */
  note(line: string): void;
}

export function resolveConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv): { baseUrl: string; apiKey: string } {
  const baseUrl = options.baseUrl ?? env.ORATOR_BASE_URL ?? `http://localhost:${env.PORT || 8080}`;
  const apiKey = options.apiKey ?? env.ORATOR_API_KEY;
  if (!apiKey) throw new UsageError('No API key: pass --api-key <key> or set ORATOR_API_KEY (`orator keys create` makes one)');
  try {
    new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url must be an absolute URL such as http://localhost:8080; got "${baseUrl}"`);
  }
  return { baseUrl, apiKey };
}

export function createClientContext(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): ClientContext {
  const { baseUrl, apiKey } = resolveConnection(options, env);
  const note = (line: string) => void process.stderr.write(`${line}\n`);
  const client = createOratorClient({
    baseUrl,
    apiKey,
    onRetry: (r) => note(`${r.reason} from ${r.method} ${new URL(r.url).pathname}: retrying in ${(r.delayMs / 1000).toFixed(1)} s (attempt ${r.attempt + 1})`),
  });
  const json = options.json === true;
  return {
    client,
    json,
    note,
    print(data, human) {
      process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : human().map((l) => `${l}\n`).join(''));
    },
  };
}

function describe(error: unknown): { code: number; summary: Record<string, unknown>; text: string } {
  if (error instanceof UsageError) return { code: EXIT.usage, summary: { code: 'usage_error', message: error.message }, text: error.message };
  if (error instanceof VideoFailedError) {
    return { code: EXIT.videoFailed, summary: { code: error.code, message: error.message, video_id: error.videoId }, text: `video ${error.videoId} failed: ${error.message} (${error.code})` };
  }
  if (error instanceof WaitTimeoutError) {
    return { code: EXIT.timeout, summary: { code: 'timeout', message: error.message, video_id: error.videoId, status: error.lastStatus }, text: `${error.message}; it keeps rendering: \`orator video get ${error.videoId}\`` };
  }
  if (error instanceof ApiError) {
    const param = error.param ? ` (field: ${error.param})` : '';
    return { code: EXIT.api, summary: { code: error.code, message: error.message, param: error.param, status: error.status }, text: `${error.message}${param} [${error.code}, HTTP ${error.status}]` };
  }
  if (error instanceof ConnectionError || error instanceof OAuthError) return { code: EXIT.api, summary: { code: 'connection_error', message: error.message }, text: error.message };
  throw error;
}

/** Runs one command's body and turns its outcome into an exit code; errors are reported on stderr. */
export async function runClientCommand(options: ConnectionOptions, body: (ctx: ClientContext) => Promise<number | void>): Promise<number> {
  try {
    return (await body(createClientContext(options))) ?? EXIT.ok;
  } catch (error) {
    const { code, summary, text } = describe(error);
    process.stderr.write(options.json ? `${JSON.stringify({ error: summary })}\n` : `error: ${text}\n`);
    return code;
  }
}
