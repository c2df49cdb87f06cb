// Who is using the dashboard. Normally a browser session: the server sends signed-out visitors to
// /sign-in before the app loads, and GET /v3/session gives the CSRF token for changes. On an install
// with no accounts yet (the server marks the page `api-key`), the app asks for an API key instead and
// keeps it in sessionStorage: it lasts while the tab is open, and is never written anywhere else.
import { ApiError, api, messageOf, useCredentials } from './api.ts';

export type Role = 'owner' | 'admin' | 'member';
export type Who =
  | { kind: 'session'; name: string; email: string; space: { space_id: string; name: string; role: Role } | null }
  | { kind: 'api-key'; spaceName: string; spaceId: string | null };

export const session = $state({
  status: 'loading' as 'loading' | 'signed-in' | 'needs-key' | 'leaving',
  who: null as Who | null,
  /** Why the key form is shown again (a refused or revoked key), or why the session could not start. */
  problem: '',
});

const KEY_STORAGE = 'orator.apiKey';

function signInMode(): 'session' | 'api-key' {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="orator-sign-in"]');
  return meta?.content === 'api-key' ? 'api-key' : 'session';
}

function goToSignIn(): void {
  session.status = 'leaving';
  window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}

interface SessionView {
  data: { name: string; email: string; space: { space_id: string; name: string; role: Role } | null; csrf_token: string };
}

async function readSession(): Promise<SessionView['data'] | null> {
  const r = await fetch('/v3/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!r.ok) return null;
  return ((await r.json()) as SessionView).data;
}

async function freshCsrf(): Promise<string | null> {
  return (await readSession())?.csrf_token ?? null;
}

export async function startSession(): Promise<void> {
  try {
    // The server marks the page `api-key` only for a visitor it found signed out: no session to ask for.
    const data = signInMode() === 'session' ? await readSession() : null;
    if (data) {
      useCredentials({ kind: 'session', csrf: data.csrf_token }, { refreshCsrf: freshCsrf, onSignedOut: goToSignIn });
      session.who = { kind: 'session', name: data.name, email: data.email, space: data.space };
      session.status = 'signed-in';
      return;
    }
    if (signInMode() === 'session') return goToSignIn();
    const stored = sessionStorage.getItem(KEY_STORAGE);
    if (stored && (await signInWithKey(stored)) === null) return;
    session.status = 'needs-key';
  } catch (err) {
    session.problem = messageOf(err);
    session.status = signInMode() === 'api-key' ? 'needs-key' : 'loading';
  }
}

function keyRefused(): void {
  sessionStorage.removeItem(KEY_STORAGE);
  useCredentials(null);
  session.who = null;
  session.problem = 'The API key was refused (revoked, or mistyped). Sign in with a valid key.';
  session.status = 'needs-key';
}

/** Checks the key against GET /v3/users/me; null when it works, else what went wrong. */
export async function signInWithKey(key: string): Promise<string | null> {
  const credentials = { kind: 'api-key', key: key.trim() } as const;
  useCredentials(credentials);
  try {
    const me = await api<{ data: { username: string; space?: { space_id: string; name: string } | null } }>('GET', '/v3/users/me');
    useCredentials(credentials, { onSignedOut: keyRefused });
    sessionStorage.setItem(KEY_STORAGE, key.trim());
    session.who = { kind: 'api-key', spaceName: me.data.space?.name ?? me.data.username, spaceId: me.data.space?.space_id ?? null };
    session.problem = '';
    session.status = 'signed-in';
    return null;
  } catch (err) {
    useCredentials(null);
    sessionStorage.removeItem(KEY_STORAGE);
    return err instanceof ApiError && err.status === 401 ? 'That key was not accepted. Check it and try again.' : messageOf(err);
  }
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
  useCredentials(null);
  session.who = null;
  session.problem = '';
  session.status = 'needs-key';
}

/** Space admins manage the space's API keys (the routes refuse everyone else). */
export function mayManageKeys(who: Who | null): who is Extract<Who, { kind: 'session' }> & { space: { space_id: string; name: string; role: Role } } {
  return who?.kind === 'session' && (who.space?.role === 'owner' || who.space?.role === 'admin');
}
