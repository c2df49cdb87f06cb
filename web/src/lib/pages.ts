// The dashboard's pages by path. The first path segment of each is written to pages.json at build, and
// the server answers a GET on `/` or under one of them with the app's index.html (deep links); every
// other path stays the API's.
export const PAGE_SEGMENTS = ['library', 'create', 'templates', 'webhooks', 'api-keys'] as const;
export type PageSegment = (typeof PAGE_SEGMENTS)[number];

export type Page =
  | { name: 'library' }
  | { name: 'create' }
  | { name: 'templates' }
  | { name: 'template'; id: string }
  | { name: 'webhooks' }
  | { name: 'api-keys' }
  | { name: 'not-found' };

export function pageOf(path: string): Page {
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { name: 'not-found' }; // a malformed %-escape names no page
  }
  const [first, second, ...rest] = parts;
  if (!first) return { name: 'library' };
  if (rest.length > 0) return { name: 'not-found' };
  switch (first as PageSegment) {
    case 'library':
    case 'create':
    case 'webhooks':
    case 'api-keys':
      return second === undefined ? { name: first as 'library' } : { name: 'not-found' };
    case 'templates':
      return second === undefined ? { name: 'templates' } : { name: 'template', id: second };
    default:
      return { name: 'not-found' };
  }
}

export function isAppPath(path: string): boolean {
  const first = path.split('/')[1] ?? '';
  return first === '' || (PAGE_SEGMENTS as readonly string[]).includes(first);
}

