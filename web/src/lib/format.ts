// How the dashboard writes times, sizes and durations.

/** 0:07, 1:05, 1:02:03 — a video's measured length. */
export function clockDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A Unix time in seconds, or an ISO string, in the reader's locale. */
export function when(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

/** A file name from a title: what the browser saves a download as. */
export function fileNameOf(title: string | null | undefined, fallback: string, extension: string): string {
  const base = (title ?? '').replace(/[^\p{L}\p{N} _-]+/gu, '').trim().replace(/\s+/g, '-').slice(0, 80) || fallback;
  return `${base}.${extension}`;
}
