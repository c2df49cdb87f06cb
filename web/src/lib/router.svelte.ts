// A small history router: the dashboard's pages are real paths (/library, /templates/<id>), so a reload
// or a shared link opens the same page (the server answers them with index.html).
import { isAppPath } from './pages.ts';

export { pageOf, type Page } from './pages.ts';

/** `visit` counts real moves (links, back, forward): the shell opens the page afresh on each, even to the same page. */
export const location$ = $state({ path: window.location.pathname, search: window.location.search, visit: 0 });

function update(newVisit: boolean): void {
  location$.path = window.location.pathname;
  location$.search = window.location.search;
  if (newVisit) location$.visit += 1;
}

/** `replace` only rewrites the address (a page recording its own state, such as a search): no new visit. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  update(!options.replace);
}

export function searchParam(name: string): string | null {
  return new URLSearchParams(location$.search).get(name);
}

/** Plain left clicks on links to the app's own pages change the page without reloading it. */
function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || !isAppPath(url.pathname)) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}

export function startRouter(): void {
  window.addEventListener('popstate', () => update(true));
  document.addEventListener('click', onClick);
}
