// What both stock catalogues (avatars, voices) read, and the offset cursor their v3 lists page with.
import { OratorError } from '../domain/errors.js';
import type { RenderEngine } from './ports.js';

export interface CatalogueDeps {
  engine: RenderEngine;
  publicUrl: string;
}

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_token: string | null;
}

export function paginate<T>(items: T[], limit: number, token: string | undefined): Page<T> {
  let offset = 0;
  if (token) {
    try {
      const o = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      if (Number.isInteger(o.o) && o.o >= 0) offset = o.o;
      else throw new Error('bad');
    } catch {
      throw new OratorError('invalid_query_param', 'token is not a valid pagination token', { param: 'token' });
    }
  }
  const data = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  return { data, has_more: more, next_token: more ? Buffer.from(JSON.stringify({ o: offset + limit })).toString('base64url') : null };
}
