// Which speech engines this machine can run, checked once per process: the catalogue lists only
// voices that will actually speak. Synchronous on purpose (a few stat() calls and one `flite -lv`),
// so listVoices() stays a plain function.
import { accessSync, constants, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ESPEAK_TIMING_PATH } from './espeak-ng-engine.js';
import type { EngineName } from './speech-engine.js';

/** Where Debian puts the HTS voice festival speaks with. */
export const FESTIVAL_SLT_HTS_DIR = '/usr/share/festival/voices/us/cmu_us_slt_arctic_hts';

export interface InstalledEngines {
  engines: ReadonlySet<EngineName>;
  /** flite voices `flite -lv` reports. */
  fliteVoices: ReadonlySet<string>;
}

let cached: InstalledEngines | undefined;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && executable(`${dir}/${command}`));
}

export function installedEngines(): InstalledEngines {
  if (cached) return cached;
  const engines = new Set<EngineName>();
  const fliteVoices = new Set<string>();
  if (executable(ESPEAK_TIMING_PATH)) engines.add('espeak-ng');
  if (onPath('flite')) {
    const out = spawnSync('flite', ['-lv'], { encoding: 'utf8', timeout: 10_000 });
    // "Voices available: kal awb_time kal16 awb rms slt"
    for (const v of (out.stdout ?? '').replace(/^.*:/s, '').trim().split(/\s+/)) if (v) fliteVoices.add(v);
    if (fliteVoices.size > 0) engines.add('flite');
  }
  if (onPath('festival') && existsSync(FESTIVAL_SLT_HTS_DIR)) engines.add('festival');
  cached = { engines, fliteVoices };
  return cached;
}

/** Forgets the cached check (tests, or after installing an engine while running). */
export function resetInstalledEngines(): void {
  cached = undefined;
}
