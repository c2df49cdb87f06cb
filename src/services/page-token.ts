// Opaque cursor for newest-first listings (videos, webhook endpoints and events): the last row's
// creation time and id, so the next page continues after it even as new rows arrive.
import { OratorError } from '../domain/errors.js';

export interface PageCursor {
  createdAt: number;
  id: string;
}

export function encodePageToken(last: PageCursor): string {
  return Buffer.from(JSON.stringify({ c: last.createdAt, i: last.id })).toString('base64url');
}

export function decodePageToken(token: string): PageCursor {
  try {
    const o = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof o.c === 'number' && typeof o.i === 'string') return { createdAt: o.c, id: o.i };
  } catch {
    // fall through
  }
  throw new OratorError('invalid_query_param', 'token is not a valid pagination token', { param: 'token' });
}
