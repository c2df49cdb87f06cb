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

/**
 * One page from rows fetched with one extra (`limit + 1`), which tells whether another page exists
 * without a count: the rows to show, and the token after the last of them (null when none follows).
 */
export function pageOf<T>(rows: readonly T[], limit: number, cursorOf: (row: T) => PageCursor): { items: T[]; nextToken: string | null } {
  const items = rows.slice(0, limit);
  const more = rows.length > limit && items.length > 0;
  return { items, nextToken: more ? encodePageToken(cursorOf(items[items.length - 1]!)) : null };
}
