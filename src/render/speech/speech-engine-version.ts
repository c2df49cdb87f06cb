// What made a voice's audio, for the render cache's speech key: the engine and its own voice, the
// installed program's version, and the code that drives it and joins its segments. Two machines of a
// deployment sharing a cache with different engine builds then never replay each other's audio.
import { spawnSync } from 'node:child_process';
import { filesVersion, folderVersion, sourceVersion } from '../cache/code-version.js';
import { ESPEAK_TIMING_PATH } from './espeak-ng-engine.js';
import type { EngineName } from './speech-engine.js';
import { findVoice } from './voice-catalogue.js';

/** The program whose `--version` names each engine's build (espeak-timing links espeak-ng's library). */
const VERSION_PROGRAM: Record<EngineName, string> = { 'espeak-ng': 'espeak-ng', flite: 'flite', festival: 'festival' };

const programVersions = new Map<EngineName, string>();

function programVersion(engine: EngineName): string {
  let version = programVersions.get(engine);
  if (version === undefined) {
    const out = spawnSync(VERSION_PROGRAM[engine], ['--version'], { encoding: 'utf8', timeout: 10_000 });
    version = `${out.stdout ?? ''}${out.stderr ?? ''}`.replace(/\s+/g, ' ').trim() || 'unknown';
    if (engine === 'espeak-ng') version += ` helper:${filesVersion([ESPEAK_TIMING_PATH])}`;
    programVersions.set(engine, version);
  }
  return version;
}

/** The speech cache's engine part for a voice; undefined for a voice the catalogue does not know. */
export function speechEngineVersion(voiceId: string): string | undefined {
  const voice = findVoice(voiceId);
  if (!voice) return undefined;
  const code = `${folderVersion(new URL('./', import.meta.url))}:${sourceVersion([new URL('../visemes/phoneme-to-viseme.js', import.meta.url)])}`;
  return `${voice.engine}/${voice.engineVoice}/${programVersion(voice.engine)}/${code}`;
}
