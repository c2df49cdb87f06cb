// Registration-time check of a webhook or callback URL: http(s) only, no control characters, and no
// loopback/private targets unless ORATOR_ALLOW_PRIVATE_URLS=1. Delivery checks again at connect time
// (DNS can change), and a refused address fails that delivery for good.
import dns from 'node:dns/promises';
import { OratorError } from '../domain/errors.js';
import { hasControlCharacters, isPublicAddress, refusedUrlHost } from '../net/public-address.js';
import type { WebhookUrlCheck } from '../services/webhooks/webhook-ports.js';

export function createWebhookUrlCheck(options: { allowPrivate: boolean }): WebhookUrlCheck {
  return async (raw, param) => {
    // Checked on the raw text: the URL parser drops tab, CR and LF, so the parsed URL would not show them.
    if (hasControlCharacters(raw)) throw new OratorError('invalid_parameter', `${param} must not contain control characters (CR, LF, tab or other C0)`, { param });
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new OratorError('invalid_parameter', `${param} is not a valid URL: ${raw.length > 200 ? `${raw.slice(0, 200)}…` : raw}`, { param });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OratorError('invalid_parameter', `${param} must be an http or https URL`, { param });
    if (options.allowPrivate) return;
    const refuse = () => new OratorError('invalid_parameter', `${param} points to a private or loopback address, which webhooks may not target`, { param });
    if (refusedUrlHost(url) !== null) throw refuse();
    // A name that resolves privately now is refused now; one that does not resolve yet is left to delivery.
    const addresses = await dns.lookup(url.hostname.replace(/^\[|\]$/g, ''), { all: true }).catch(() => []);
    if (addresses.some((a) => !isPublicAddress(a.address))) throw refuse();
  };
}
