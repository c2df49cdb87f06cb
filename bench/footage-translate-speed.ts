// Wall time to translate a 60 s 720p talking-face video Orator did not make (issue 14), relative to its
// duration: English speech (flite, about a minute) under a portrait, through the footage path as the
// translate_video job runs it (pocketsphinx, Apertium, espeak-ng, dub, remux, mouth re-sync with the
// face tracked on every 3rd frame), and the mouth re-sync alone (what a lip-sync of footage costs).
//   node --import tsx bench/footage-translate-speed.ts [seconds]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTranslationEngines } from '../src/compose/build-translations.js';
import { loadConfig } from '../src/config.js';
import { GRACE_HOPPER_PHOTO } from '../src/render/avatars/photo/stock-photos.js';
import { resyncFootageMouth } from '../src/render/footage/resync-footage-mouth.js';
import { translateFootage } from '../src/services/translations/translate-footage.js';
import type { VideoTranslationRecord } from '../src/domain/video-translation.js';

const SECONDS = Number(process.argv[2] ?? 60);
const LINES = [
  'Good morning and welcome to the weekly update.',
  'The team finished the new garden behind the office.',
  'We planted trees, flowers and a small vegetable patch.',
  'Next week we will open the doors to the public.',
  'Thank you for your help and see you soon.',
];

function makeSource(dir: string): string {
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; total < SECONDS - 4; i++) {
    const wav = path.join(dir, `line-${i}.wav`);
    execFileSync('flite', ['-voice', 'slt', '-t', LINES[i % LINES.length]!, '-o', wav]);
    parts.push(wav);
    total += Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', wav]).toString()) + 0.6;
  }
  const list = path.join(dir, 'list.txt');
  const silence = path.join(dir, 'pause.wav');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '0.6', silence]);
  fs.writeFileSync(list, parts.flatMap((p) => [`file '${p}'`, `file '${silence}'`]).join('\n'));
  const speech = path.join(dir, 'speech.wav');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-af', `apad`, '-t', String(SECONDS), '-ar', '16000', speech]);
  const video = path.join(dir, 'talk-720p.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-i', GRACE_HOPPER_PHOTO, '-i', speech, '-vf', 'scale=-2:720,pad=1280:720:(ow-iw)/2:0,format=yuv420p', '-r', '25', '-t', String(SECONDS), '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', video]);
  return video;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-bench-footage-'));
  try {
    const source = makeSource(dir);
    const engines = buildTranslationEngines(loadConfig({}), { fetchToFile: async () => undefined });
    const voice = engines.speech.voices().find((v) => (v.locale ?? '').startsWith('es'))!;
    const translation = {
      id: 'bench', spaceId: 'bench', kind: 'translation', status: 'running', stage: 'queued', progress: 0, title: null,
      source: { type: 'blob', blobKey: 'bench.mp4', label: 'bench' }, sourceLabel: 'talk-720p.mp4', inputLanguage: 'en', outputLanguage: 'es', voiceId: voice.voice_id,
      options: { translateAudioOnly: false, dropOriginalAudio: false }, callbackId: null, callbackUrl: null, folderId: null,
      blobs: { video: null, audio: null, srt: null, vtt: null }, durationSec: null, script: null, engines: null, error: null, createdAt: 0, updatedAt: 0, completedAt: null, deletedAt: null,
    } satisfies VideoTranslationRecord;
    const stages: Record<string, number> = {};
    let last = { stage: 'start', at: performance.now() };
    const work = path.join(dir, 'work');
    fs.mkdirSync(work);
    const t0 = performance.now();
    const result = await translateFootage(
      {
        translation, engines, workDir: work, signal: new AbortController().signal,
        stage: async (stage) => {
          const now = performance.now();
          stages[last.stage] = (stages[last.stage] ?? 0) + (now - last.at) / 1000;
          last = { stage, at: now };
        },
        readSupplied: async () => undefined,
      },
      source,
      600,
    );
    const wall = (performance.now() - t0) / 1000;
    stages[last.stage] = (stages[last.stage] ?? 0) + (performance.now() - last.at) / 1000;
    console.log(`translate ${SECONDS} s 1280x720 footage to Spanish: ${wall.toFixed(1)} s = ${(wall / SECONDS).toFixed(2)}x its duration (${result.script.length} sentences)`);
    console.log(`  stages (s): ${Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
    console.log(`  resync: ${result.engines.resync}`);
    const t1 = performance.now();
    const r = await resyncFootageMouth({ videoPath: source, soundPath: result.audio!, audioFrom: result.video, outPath: path.join(dir, 'lipsync.mp4'), detectEvery: engines.footageMouth!.detectEvery });
    const lip = (performance.now() - t1) / 1000;
    console.log(`lip-sync (mouth re-sync alone): ${lip.toFixed(1)} s = ${(lip / SECONDS).toFixed(2)}x; face tracking ${r.trackSec.toFixed(1)} s on ${r.detections} frames, mouth drawing ${r.drawSec.toFixed(1)} s on ${r.redrawn} frames, the rest decode and encode`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
