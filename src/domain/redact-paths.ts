// Tool output (ffmpeg's stderr, ENOENT messages) names files by absolute path: the data dir, the
// render's work dir. Text that reaches a client keeps only the file names.

// An absolute path not inside a URL (no ':' or '/' or word character right before its first slash).
const ABSOLUTE_PATH = /(?<![\w.:/~-])\/(?:[^\s/'"`:,;|()<>[\]]+\/)+([^\s/'"`:,;|()<>[\]]+)/g;

/** `/data/tmp/render-1/stored-0.png: Invalid data` → `stored-0.png: Invalid data`. */
export function redactPaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, '$1');
}
