// Footage Orator did not make (or asked to keep its picture): check the file, recognise its speech,
// translate and speak each sentence at the source sentence's time, and put that speech under the
// untouched picture, the old sound ducked where its speaker spoke (or dropped). The mouth is not
// re-synced on this path yet.
import path from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { ProbedMedia } from '../assets/asset-ports.js';
import { resyncFootage } from './footage-mouth.js';
import { footageSentences, textsToSpeak } from './source-sentences.js';
import { scheduleSpeech } from './schedule-speech.js';
import { speakSentences } from './speak-translation.js';
import { enginesUsed, translatedScript, type PipelineContext, type PipelineResult } from './translation-pipeline.js';


/** The source must be a readable video with a picture, a sound, and no longer than the server allows. */
export function checkFootage(probe: ProbedMedia | undefined, label: string, maxSec: number): ProbedMedia {
  const param = 'video';
  if (!probe || probe.truncated) throw new OratorError('video_file_corrupted', `${label} could not be read as a video: the file is damaged or cut short`, { param });
  if (!probe.video) throw new OratorError('empty_video_stream', `${label} has no video stream (send a video, not a sound file)`, { param });
  if (!probe.hasAudio) throw new OratorError('empty_audio_stream', `${label} has no audio stream: there is no speech to translate`, { param });
  if (probe.durationSec > maxSec) throw new OratorError('video_too_long', `${label} is ${probe.durationSec.toFixed(1)} s long; this server translates videos of at most ${maxSec} s`, { param });
  return probe;
}

export async function translateFootage(ctx: PipelineContext, videoPath: string, maxSec: number): Promise<PipelineResult> {
  const t = ctx.translation;
  const { media } = ctx.engines;
  await ctx.stage('preparing', 5);
  const probe = checkFootage(await media.probe(videoPath), t.sourceLabel, maxSec);
  await ctx.stage('transcribing', 10);
  const { sentences, transcript } = await footageSentences(ctx, videoPath);
  await ctx.stage('translating', 35);
  const translated = await textsToSpeak(ctx, sentences);
  await ctx.stage('speaking', 45);
  const spoken = await speakSentences(
    { speech: ctx.engines.speech, voiceId: t.voiceId, workDir: ctx.workDir, signal: ctx.signal, onSentence: (d, n) => void ctx.stage('speaking', 45 + Math.round((30 * d) / n)) },
    translated.map((s, i) => ({ ...s, group: i })),
  );
  const schedule = scheduleSpeech([{ start: 0, end: probe.durationSec }], spoken.map((s) => ({ span: 0, sourceStart: s.source.start, take: s.take })));
  await ctx.stage('rendering', 80);
  const durationSec = Math.max(probe.durationSec, ...schedule.placed.map((p) => p.pieceEnd));
  const dub = path.join(ctx.workDir, 'dub.wav');
  await media.assembleDub(spoken.map((s, i) => ({ wavPath: s.wavPath, start: schedule.placed[i]!.pieceStart })), durationSec, dub);
  const video = path.join(ctx.workDir, 'translated.mp4');
  await media.replaceSpeech(
    { videoPath, dubWav: dub, outPath: video, original: t.options.dropOriginalAudio ? 'dropped' : 'ducked', speechSpans: sentences.map((s) => ({ start: s.start, end: s.end })) },
    ctx.signal,
  );
  await ctx.stage('rendering', 85);
  const resynced = await resyncFootage(ctx, videoPath, dub, video);
  const srt = path.join(ctx.workDir, 'captions.srt');
  const vtt = path.join(ctx.workDir, 'captions.vtt');
  const captionWords = spoken.flatMap((s, i) => s.words.map((w) => ({ word: w.word, start: w.start + schedule.placed[i]!.pieceStart, end: w.end + schedule.placed[i]!.pieceStart })));
  await media.writeCaptions(captionWords, srt, vtt);
  return {
    video: resynced.video,
    audio: dub,
    srt,
    vtt,
    durationSec,
    script: translatedScript(spoken, schedule.placed),
    engines: enginesUsed(ctx, transcript, resynced.resync),
  };
}
