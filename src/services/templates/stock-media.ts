// The media the stock templates ship with (assets/templates/, made by scripts/make-stock-media.ts). Their
// defaults name them by a public URL, so a HeyGen client reading a template sees something it can fetch
// (GET /stock/templates/<file>); generation recognises that URL and renders from the file on this
// machine instead of fetching it back from itself.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { MediaSource } from '../../domain/render-plan.js';

/** Every file there is, with its content type: the route serves these names and nothing else. */
export const STOCK_MEDIA = {
  'logo.png': 'image/png',
  'product.png': 'image/png',
  'backdrop.jpg': 'image/jpeg',
  'music-bed.mp3': 'audio/mpeg',
} as const satisfies Record<string, string>;

export type StockMediaFile = keyof typeof STOCK_MEDIA;

/** Where the route answers, under the public URL. */
export const STOCK_MEDIA_PATH = '/stock/templates/';

// Three levels up from src/services/templates/ (or dist/services/templates/) is the package root.
const STOCK_MEDIA_DIR = fileURLToPath(new URL('../../../assets/templates/', import.meta.url));

export function isStockMediaFile(name: string): name is StockMediaFile {
  return Object.hasOwn(STOCK_MEDIA, name);
}

/** `https://host/stock/templates/` for a public URL without its trailing slash (config.publicUrl). */
export function stockMediaBase(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${STOCK_MEDIA_PATH}`;
}

/** The bundled file a URL names when it points under `base` (query and fragment ignored); undefined otherwise. */
export function stockMediaFileOf(url: string, base: string): StockMediaFile | undefined {
  let u: URL;
  let b: URL;
  try {
    u = new URL(url);
    b = new URL(base);
  } catch {
    return undefined;
  }
  if (u.origin !== b.origin || !u.pathname.startsWith(b.pathname)) return undefined;
  const name = u.pathname.slice(b.pathname.length);
  return isStockMediaFile(name) ? name : undefined;
}

/** The local file to render from; the label is what failure messages show instead of the path. */
export function stockMediaSource(name: StockMediaFile): MediaSource {
  return { path: `${STOCK_MEDIA_DIR}${name}`, label: `stock ${name}` };
}

const cache = new Map<StockMediaFile, Promise<Buffer>>();

/** The file's bytes, read once (they are small and never change while the process runs). */
export function readStockMedia(name: StockMediaFile): Promise<Buffer> {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFile(`${STOCK_MEDIA_DIR}${name}`);
    cache.set(name, bytes);
    bytes.catch(() => cache.delete(name));
  }
  return bytes;
}
