// Loads @vladmandic/human once per process on the WASM backend, with the face models that ship inside
// the npm package (nothing is downloaded). Kept apart so nothing heavy loads until a photo rig is built.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The parts of Human this module uses (its bundled .d.ts is not reachable through the exports map). */
export interface HumanFace {
  score: number;
  box: [number, number, number, number];
  mesh: [number, number, number?][];
}
export interface HumanTensor { dispose(): void }
export interface HumanInstance {
  load(): Promise<void>;
  warmup?(): Promise<unknown>;
  detect(input: HumanTensor): Promise<{ face: HumanFace[] }>;
  /** MediaPipe's mesh triangulation: index triples into the 468 points. */
  faceTriangulation: number[];
  tf: { tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): HumanTensor };
}

const require = createRequire(import.meta.url);

let human: Promise<HumanInstance> | undefined;

export function loadHuman(): Promise<HumanInstance> {
  human ??= createHuman().catch((error: unknown) => {
    human = undefined; // a failed load (e.g. a missing package) is retried on the next call
    throw error;
  });
  return human;
}

async function createHuman(): Promise<HumanInstance> {
  // The package's `exports` map lists its dist files without the "./" prefix, so Node rejects sub-path
  // imports (even of package.json); the main entry resolves to <root>/dist/human.node.js, so the
  // package root is found from it and the WASM build is required by path.
  const root = dirname(dirname(require.resolve('@vladmandic/human')));
  const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  const lib = require(join(root, 'dist', 'human.node-wasm.js')) as { Human: new (config: object) => HumanInstance };
  const instance = new lib.Human({
    backend: 'wasm',
    wasmPath: pathToFileURL(wasmDir).href + '/',
    modelBasePath: pathToFileURL(join(root, 'models')).href + '/',
    debug: false,
    async: false,
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 1, minConfidence: 0.3, return: false },
      mesh: { enabled: true },
      iris: { enabled: false },
      attention: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  });
  await withFileFetch(() => instance.load());
  return instance;
}

/**
 * Node 20's fetch rejects file:// URLs, and tfjs loads model JSON, weights and the WASM binary through
 * fetch. While the models load, file:// reads go to the disk; every other URL goes to the real fetch.
 */
async function withFileFetch<T>(run: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  const shim: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file://')) return original(input, init);
    const body = await readFile(new URL(url));
    const type = url.endsWith('.json') ? 'application/json' : url.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'content-type': type } });
  };
  globalThis.fetch = shim;
  try {
    return await run();
  } finally {
    if (globalThis.fetch === shim) globalThis.fetch = original;
  }
}

/** Triangles of the 468-point mesh as index triples. */
export async function faceMeshTriangles(): Promise<[number, number, number][]> {
  const flat = (await loadHuman()).faceTriangulation;
  const out: [number, number, number][] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) out.push([flat[i]!, flat[i + 1]!, flat[i + 2]!]);
  return out;
}
