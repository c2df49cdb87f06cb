// The invitation page: what the link offers, then "join" for a signed-in person or "make an account"
// for a newcomer.
import type { InvitationRecord } from '../../services/spaces/space-ports.js';
import type { SignedInUser } from '../../services/users/user-ports.js';
import { html, type SafeHtml } from '../pages/html.js';

const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

export function invitationOffer(v: { invitation: InvitationRecord; spaceName: string }): SafeHtml {
  return html`<p>You are invited to join <strong>${v.spaceName}</strong> as <strong>${v.invitation.role}</strong>.</p>`;
}

export function acceptForm(v: { csrf: string; token: string; signedIn: SignedInUser }): SafeHtml {
  return html`<p class="muted">Signed in as ${v.signedIn.user.email}.</p>
<form method="post" action="/invitations/${encodeURIComponent(v.token)}/accept">${csrfField(v.csrf)}<button type="submit">Join the space</button></form>`;
}

export function registerForm(v: { csrf: string; token: string; email: string | null; error?: string; name?: string }): SafeHtml {
  const signIn = `/sign-in?next=${encodeURIComponent(`/invitations/${v.token}`)}`;
  return html`<p>Already have an account? <a href="${signIn}">Sign in to accept</a>.</p>
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
<form method="post" action="/invitations/${encodeURIComponent(v.token)}/register">
${csrfField(v.csrf)}
<label for="name">Your name</label>
<input id="name" name="name" type="text" autocomplete="name" required value="${v.name ?? ''}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${v.email ?? ''}">
<label for="password">Password (at least 10 characters)</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="10">
<button type="submit">Create account and join</button>
</form>`;
}
