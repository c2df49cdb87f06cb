// The consent page and the "apps you have authorised" page, as small template functions (escaped by `html`).
import { OAUTH_SCOPES } from '../../services/oauth/oauth-scopes.js';
import type { OAuthInteraction } from '../../services/oauth/oauth-ports.js';
import type { AuthorizedApp } from '../../services/oauth/oauth-apps.js';
import type { Membership, SignedInUser } from '../../services/users/user-ports.js';
import { html, type SafeHtml } from '../pages/html.js';

const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

export function appLabel(name: string | null): string {
  return name ?? 'An app without a name';
}

/** One space: named in the sentence. Several: a choice, the session's current space first chosen. */
function spaceChoice(memberships: Membership[], current: string | undefined): { inSentence: SafeHtml; field: SafeHtml } {
  if (memberships.length === 1) {
    const only = memberships[0]!;
    return { inSentence: html` in the space <strong>${only.spaceName}</strong>`, field: html`<input type="hidden" name="space_id" value="${only.spaceId}">` };
  }
  const options = memberships.map((m) => html`<option value="${m.spaceId}"${m.spaceId === current ? html` selected` : ''}>${m.spaceName} (${m.role})</option>`);
  return { inSentence: html``, field: html`<label for="space_id">In the space</label>\n<select id="space_id" name="space_id">${options}</select>` };
}

export function consentPage(v: { csrf: string; interaction: OAuthInteraction; signedIn: SignedInUser; memberships: Membership[] }): SafeHtml {
  const { interaction: i, signedIn } = v;
  const space = spaceChoice(v.memberships, signedIn.space?.id);
  return html`<form method="post" action="/oauth/interaction/${i.uid}">
${csrfField(v.csrf)}
<p><strong>${appLabel(i.clientName)}</strong> <span class="muted">(app ${i.clientId})</span> asks to act as you, ${signedIn.user.displayName} &lt;${signedIn.user.email}&gt;${space.inSentence}.</p>
${space.field}
<p>It will be able to:</p>
<ul>${i.scopes.map((s) => html`<li>${OAUTH_SCOPES[s].consent}</li>`)}</ul>
<p class="muted">Either way you go back to <code>${i.redirectUri}</code>. You can take its access away at any time under <a href="/account/apps">Your apps</a>.</p>
<nav><button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="decision" value="deny" class="secondary">Deny</button></nav>
</form>
<p class="muted">Not you? <a href="/sign-out">Sign out</a> first.</p>`;
}

export function noSpacePage(): SafeHtml {
  return html`<p class="error" role="alert">Your account belongs to no space yet, so there is nothing an app could use. Ask a space admin for an invitation, then connect the app again.</p>`;
}

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function authorizedAppsPage(v: { csrf: string; apps: AuthorizedApp[]; notice?: string }): SafeHtml {
  const rows = v.apps.map(
    (a) => html`<tr><td><strong>${appLabel(a.clientName)}</strong><br><span class="muted">${a.spaceName ?? 'a space you left'} · ${a.scopes.join(', ')} · since ${date(a.authorizedAt)}</span></td>
<td><form method="post" action="/account/apps/revoke">${csrfField(v.csrf)}<input type="hidden" name="grant_id" value="${a.grantId}"><button type="submit" class="secondary">Revoke</button></form></td></tr>`,
  );
  return html`${v.notice ? html`<p class="notice" role="status">${v.notice}</p>` : ''}
${v.apps.length > 0 ? html`<table aria-label="Apps you have authorised"><tbody>${rows}</tbody></table>` : html`<p class="muted">You have not authorised any app.</p>`}
<nav><a href="/account">Back to your account</a></nav>`;
}
