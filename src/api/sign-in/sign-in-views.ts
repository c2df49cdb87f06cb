// The sign-in, sign-out, account and password pages as small template functions (escaped by `html`).
import type { SignedInUser, Membership } from '../../services/users/user-ports.js';
import { html, type SafeHtml } from '../pages/html.js';

const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

export function signInForm(v: { csrf: string; next: string | null; email?: string; error?: string; notice?: string }): SafeHtml {
  return html`${v.notice ? html`<p class="notice" role="status">${v.notice}</p>` : ''}
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
<form method="post" action="/sign-in">
${csrfField(v.csrf)}
${v.next ? html`<input type="hidden" name="next" value="${v.next}">` : ''}
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${v.email ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p class="muted">No account? Ask a space admin for an invitation link.</p>`;
}

export function signOutForm(csrf: string, label = 'Sign out', klass = 'secondary'): SafeHtml {
  return html`<form method="post" action="/sign-out">${csrfField(csrf)}<button type="submit" class="${klass}">${label}</button></form>`;
}

export function signOutPage(v: { csrf: string; signedIn: SignedInUser }): SafeHtml {
  return html`<p>You are signed in as <strong>${v.signedIn.user.email}</strong>.</p>${signOutForm(v.csrf, 'Sign out', '')}`;
}

function spaceRows(memberships: Membership[], current: string | undefined): SafeHtml {
  return html`${memberships.map((m) => html`<tr><td>${m.spaceName}${m.spaceId === current ? html` <span class="muted">(current)</span>` : ''}</td><td>${m.role}</td></tr>`)}`;
}

export function accountPage(v: { csrf: string; signedIn: SignedInUser; memberships: Membership[]; notice?: string }): SafeHtml {
  const { user, space } = v.signedIn;
  return html`${v.notice ? html`<p class="notice" role="status">${v.notice}</p>` : ''}
<p>Signed in as <strong>${user.displayName}</strong> &lt;${user.email}&gt;.</p>
${v.memberships.length > 0
    ? html`<table aria-label="Your spaces"><tbody>${spaceRows(v.memberships, space?.id)}</tbody></table>`
    : html`<p class="muted">You belong to no space yet: ask a space admin for an invitation.</p>`}
<nav><a href="/">Open the dashboard</a><a href="/account/password">Change password</a><a href="/account/apps">Your apps</a>${signOutForm(v.csrf)}</nav>`;
}

export function passwordForm(v: { csrf: string; error?: string }): SafeHtml {
  return html`${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
<form method="post" action="/account/password">
${csrfField(v.csrf)}
<label for="current_password">Current password</label>
<input id="current_password" name="current_password" type="password" autocomplete="current-password" required>
<label for="new_password">New password (at least 10 characters)</label>
<input id="new_password" name="new_password" type="password" autocomplete="new-password" required minlength="10">
<label for="confirm_password">New password again</label>
<input id="confirm_password" name="confirm_password" type="password" autocomplete="new-password" required minlength="10">
<button type="submit">Change password</button>
</form>
<p class="muted">Changing it signs you out everywhere else.</p>
<nav><a href="/account">Back</a></nav>`;
}
