// Render dependencies for tests that must not wait on the speech and avatar work: espeak-ng writes
// the audio, phones come from its loudness (open shapes where it is loud), the rig is drawn with sharp.
import { execFile } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AvatarRig } from '../../src/render/avatars/avatar-catalogue.js';
import { readWavEnvelope } from '../../src/render/visemes/loudness-visemes.js';
import type { RenderDeps } from '../../src/render/render-deps.js';
import type { WordTiming } from '../../src/domain/render-plan.js';
import type { PhoneTiming, Viseme, VisemeTrack } from '../../src/render/visemes/viseme.js';
import { buildFakeAvatarRig } from './build-fake-avatar-rig.js';

const run = promisify(execFile);
const OPENING: Record<Viseme, number> = { X: 0, A: 0, G: 0.15, B: 0.3, F: 0.35, H: 0.45, E: 0.5, C: 0.7, D: 1 };

export function fakeRenderDeps(rigDir: string): RenderDeps {
  const rigs = new Map<number, Promise<AvatarRig>>();
  return {
    avatarExists: (id) => id === 'fake_avatar',
    voiceExists: (id) => id === 'fake_voice',
    async synthesizeSpeech({ text, outPath }) {
      await run('espeak-ng', ['-s', '170', '-w', outPath, text]);
      const { phones, durationSec } = await phonesFromLoudness(outPath);
      return { wavPath: outPath, durationSec, phones, words: spreadWords(text, phones) };
    },
    async decodeAudio(input, outWav) {
      if (input.endsWith('.wav')) await copyFile(input, outWav);
      else await run('ffmpeg', ['-v', 'error', '-y', '-i', input, '-ac', '1', '-ar', '22050', outWav]);
    },
    async phonesFromAudio(wav, transcript) {
      const { phones } = await phonesFromLoudness(wav);
      return { phones, ...(transcript ? { words: spreadWords(transcript, phones) } : {}) };
    },
    buildVisemeTrack: simpleVisemeTrack,
    mouthOpening: (v) => OPENING[v],
    buildAvatarRig({ height }) {
      let rig = rigs.get(height);
      if (!rig) {
        rig = buildFakeAvatarRig(join(rigDir, String(height)), height);
        rigs.set(height, rig);
      }
      return rig;
    },
    // Photos get the same drawn rig: these tests are about timing and composition, not faces.
    buildPhotoRig({ height }) {
      return this.buildAvatarRig({ avatarId: 'fake_avatar', style: 'normal', height, cacheDir: rigDir });
    },
  };
}

/** 40 ms phones: loud → wide, medium → open, soft → slightly open, quiet → none. */
async function phonesFromLoudness(wav: string): Promise<{ phones: PhoneTiming[]; durationSec: number }> {
  const fps = 25;
  const envelope = await readWavEnvelope(wav, fps);
  const peak = Math.max(...envelope, 1e-9);
  const phones: PhoneTiming[] = [];
  envelope.forEach((value, i) => {
    const level = value / peak;
    const viseme: Viseme | null = level > 0.6 ? 'D' : level > 0.3 ? 'C' : level > 0.08 ? 'B' : null;
    if (viseme) phones.push({ phone: viseme, viseme, start: i / fps, end: (i + 1) / fps });
  });
  return { phones, durationSec: envelope.length / fps };
}

function simpleVisemeTrack(phones: readonly PhoneTiming[], durationSec: number, fps: number): VisemeTrack {
  const frames = new Array<Viseme>(Math.round(durationSec * fps)).fill('X');
  for (const p of phones) {
    for (let f = Math.floor(p.start * fps); f < Math.min(frames.length, Math.ceil(p.end * fps)); f++) frames[f] = p.viseme;
  }
  return { fps, frames };
}

/** Words spread over the voiced span in proportion to their length. */
function spreadWords(text: string, phones: readonly PhoneTiming[]): WordTiming[] {
  const words = text.split(/\s+/).filter(Boolean);
  const start = phones[0]?.start ?? 0;
  const end = phones[phones.length - 1]?.end ?? start + 1;
  const total = words.reduce((sum, w) => sum + w.length + 1, 0);
  let cursor = start;
  return words.map((word) => {
    const length = ((word.length + 1) / total) * (end - start);
    const timing = { word, start: Math.round(cursor * 1000) / 1000, end: Math.round((cursor + length * 0.9) * 1000) / 1000 };
    cursor += length;
    return timing;
  });
}
