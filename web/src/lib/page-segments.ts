// The first path segment of every dashboard page. The server answers a GET on `/` or under one of
// these with the app's index.html (deep links); every other path stays the API's.
export const PAGE_SEGMENTS = ['library', 'create', 'templates', 'webhooks', 'api-keys'] as const;
export type PageSegment = (typeof PAGE_SEGMENTS)[number];
