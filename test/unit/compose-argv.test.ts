import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backgroundChain, ffmpegColor, fitFilter } from '../../src/render/compose/background-filter.js';
import { buildComposeArgs, buildStillsComposeArgs } from '../../src/render/compose/build-compose-args.js';
import { videoEncoderArgs } from '../../src/render/compose/encoder-args.js';
import { buildIdleMotion, idleMotionAt, idleMotionExpressions } from '../../src/render/motion/idle-motion.js';
import { restPosition, rigHeightFor } from '../../src/render/motion/avatar-placement.js';
import { parseProgressLine } from '../../src/render/run-program.js';
import { previewBranches } from '../../src/render/media/build-preview-args.js';
import { buildBurnCaptionsArgs, escapeFilterPath } from '../../src/render/media/build-burn-captions-args.js';
import { buildProbeArgs, parseProbeJson } from '../../src/render/media/probe-media.js';
import { buildExtractAudioArgs } from '../../src/render/media/extract-audio-track.js';

const motion = { swayPx: 2, swayPeriodSec: 7, swayPhase: 0.5, breathePx: 1, breathePeriodSec: 4, breathePhase: 1 };

test('one colour scene with an avatar and speech is one ffmpeg pass', () => {
  const args = buildComposeArgs({
    width: 320, height: 240, fps: 25, format: 'mp4',
    backgrounds: [{ kind: 'color', color: '#336699', frames: 50 }],
    avatars: [{ concatPath: '/w/a.ffconcat', startFrame: 0, frames: 50, x: 70, y: 0, motion }],
    audio: [{ path: '/w/s.wav', frames: 50 }],
    outPath: '/out/video.mp4',
  });
  assert.deepEqual(args.slice(0, 16), ['-hide_banner', '-nostdin', '-y', '-v', 'error', '-progress', 'pipe:1', '-nostats', '-f', 'concat', '-safe', '0', '-i', '/w/a.ffconcat', '-i', '/w/s.wav']);
  const graph = args[args.indexOf('-filter_complex') + 1]!;
  assert.equal(
    graph,
    [
      'color=c=0x336699:s=320x240:r=25,trim=end_frame=50,setsar=1,format=yuv420p[bg0]',
      "[0:v]setpts=PTS-STARTPTS,colorchannelmixer=aa=0:enable='gte(t,1.980000)'[av0]",
      "[bg0][av0]overlay=x='70+2*sin(2*PI*t/7.0000+0.5000)':y='0+1*sin(2*PI*t/4.0000+1.0000)':eval=frame:format=yuv420:eof_action=pass[ov0]",
      '[ov0]trim=end_frame=50,format=yuv420p[vout]',
      '[1:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=mono,apad=whole_len=96000,atrim=end_sample=96000,asetpts=PTS-STARTPTS[a0]',
    ].join(';'),
  );
  assert.deepEqual(args.slice(args.indexOf('-map')), [
    '-map', '[vout]', '-map', '[a0]', '-r', '25', '-threads', '2',
    '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '0', '-crf', '23', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '128k',
    '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-movflags', '+faststart',
    '/out/video.mp4',
  ]);
  assert.ok(!args.includes('-loop'), 'stills are never looped per frame');
});

test('several scenes concatenate backgrounds (restamped) and audio; a later avatar is shifted and ends with its track (frames 25–54 at 25 fps)', () => {
  const args = buildComposeArgs({
    width: 256, height: 256, fps: 25, format: 'webm',
    backgrounds: [
      { kind: 'transparent', frames: 25 },
      { kind: 'image', path: '/w/bg1.png', frames: 30 },
    ],
    avatars: [{ concatPath: '/w/a1.ffconcat', startFrame: 25, frames: 30, x: 0, y: 0, motion }],
    audio: [{ path: null, frames: 25 }, { path: '/w/s1.wav', frames: 30 }],
    outPath: '/out/video.webm',
  });
  const graph = args[args.indexOf('-filter_complex') + 1]!;
  assert.match(graph, /color=c=black@0\.0:s=256x256:r=25,format=rgba,trim=end_frame=25,setsar=1,format=yuva420p\[bg0\]/);
  assert.match(graph, /\[0:v\]format=yuva420p,loop=loop=29:size=1:start=0,settb=1\/25,setpts=N,trim=end_frame=30,setsar=1,format=yuva420p\[bg1\]/);
  assert.match(graph, /\[bg0\]\[bg1\]concat=n=2:v=1:a=0,settb=1\/25,setpts=N\[bg\]/);
  // The closing frame the ffconcat repeats at 2.2 s turns transparent; the overlay itself has no `enable`.
  assert.match(graph, /\[1:v\]setpts=PTS\+1\.000000\/TB,colorchannelmixer=aa=0:enable='gte\(t,2\.180000\)'\[av0\]/);
  assert.match(graph, /\[bg\]\[av0\]overlay=[^;]*:eof_action=pass\[ov0\]/);
  assert.doesNotMatch(graph, /overlay=[^;]*enable=/);
  assert.match(graph, /anullsrc=r=48000:cl=mono,atrim=end_sample=48000/);
  assert.match(graph, /apad=whole_len=57600,atrim=end_sample=57600/);
  assert.match(graph, /\[a0\]\[a1\]concat=n=2:v=0:a=1\[aout\]/);
  assert.deepEqual(videoEncoderArgs('webm'), ['-c:v', 'libvpx-vp9', '-pix_fmt', 'yuva420p', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-crf', '32', '-b:v', '0']);
  assert.ok(args.includes('libopus'));
});

test('video backgrounds follow the play style', () => {
  const spec = { width: 320, height: 240, fps: 25, pixelFormat: 'yuv420p' };
  const base = { kind: 'video' as const, inputIndex: 2, frames: 50, fit: 'cover' as const, sourceDurationSec: 4 };
  assert.match(backgroundChain({ ...base, playStyle: 'freeze' }, spec).chain, /^trim=end_frame=1,scale=320:240:force_original_aspect_ratio=increase,crop=320:240,format=yuv420p,loop=loop=49/);
  assert.match(backgroundChain({ ...base, playStyle: 'fit_to_scene' }, spec).chain, /^setpts=\(PTS-STARTPTS\)\*0\.500000,fps=25/);
  assert.match(backgroundChain({ ...base, playStyle: 'once' }, spec).chain, /tpad=stop_mode=clone:stop=50,trim=end_frame=50/);
  assert.equal(backgroundChain({ ...base, playStyle: 'loop' }, spec).source, '2:v');
  const loopArgs = buildComposeArgs({
    width: 320, height: 240, fps: 25, format: 'mp4',
    backgrounds: [{ kind: 'video', path: '/v.mp4', frames: 50, fit: 'contain', playStyle: 'loop', sourceDurationSec: 1 }],
    avatars: [], audio: [{ path: null, frames: 50 }], outPath: '/o.mp4',
  });
  assert.deepEqual(loopArgs.slice(8, 12), ['-stream_loop', '-1', '-i', '/v.mp4']);
  assert.match(fitFilter('contain', 320, 240), /force_original_aspect_ratio=decrease,pad=320:240/);
});

test('colours, placement and idle motion', () => {
  assert.equal(ffmpegColor('#ABC'), '0xaabbcc');
  assert.equal(ffmpegColor('1a2b3cff'), '0x1a2b3c');
  assert.throws(() => ffmpegColor('red'));
  assert.equal(rigHeightFor(720, 1), 720);
  assert.equal(rigHeightFor(720, 0.5), 360);
  assert.equal(rigHeightFor(721, 1) % 2, 0);
  assert.deepEqual(restPosition({ width: 1280, height: 720 }, { width: 540, height: 720 }, { x: 0, y: 0 }), { x: 370, y: 0 });
  assert.deepEqual(restPosition({ width: 1280, height: 720 }, { width: 540, height: 720 }, { x: 0.25, y: -0.1 }), { x: 690, y: -72 });
  assert.deepEqual(buildIdleMotion(7, 720), buildIdleMotion(7, 720));
  assert.notDeepEqual(buildIdleMotion(7, 720), buildIdleMotion(8, 720));
  const m = buildIdleMotion(3, 720);
  const { x } = idleMotionExpressions(m, 100, 0);
  assert.match(x, /^100\+3\*sin\(2\*PI\*t\/\d+\.\d{4}\+\d+\.\d{4}\)$/);
  assert.ok(Math.abs(idleMotionAt(m, 1.3).dx) <= m.swayPx);
});

test('previews, captions burn-in and probe', () => {
  const preview = previewBranches({ thumb: 'pt', gif: 'pg' }, { format: 'webm', fps: 25, totalFrames: 300, thumbnailPath: '/o/t.jpg', gifPath: '/o/p.gif' });
  assert.equal(preview.graph[0], '[pt]fps=25,trim=start_frame=25:end_frame=26[thumb]', 'the frame shown at 1 s, and the branch ends there');
  assert.match(preview.graph[1]!, /^\[pg\]fps=10,trim=end_frame=50,scale='min\(480,iw\)':-2:flags=lanczos/);
  assert.match(preview.graph[1]!, /palettegen=stats_mode=diff:reserve_transparent=1/);
  assert.match(preview.graph[1]!, /paletteuse/);
  assert.deepEqual(preview.outputs, ['-map', '[thumb]', '-frames:v', '1', '-q:v', '3', '/o/t.jpg', '-map', '[gif]', '-loop', '0', '/o/p.gif']);
  const short = previewBranches({ thumb: 'pt', gif: 'pg' }, { format: 'mp4', fps: 25, totalFrames: 20, thumbnailPath: '/o/t.jpg', gifPath: '/o/p.gif' });
  assert.ok(short.graph[0]!.includes('trim=start_frame=10:end_frame=11') && short.graph[1]!.includes('trim=end_frame=8,'), 'short videos: the middle frame, a GIF as long as the video');
  const withPreviews = buildStillsComposeArgs({
    width: 320, height: 240, fps: 25, concatPath: '/w/frames.ffconcat', motionCommandsPath: null, start: { x: 4, y: 4 },
    totalFrames: 50, audio: [], outPath: '/o/v.mp4', previews: { thumbnailPath: '/o/t.jpg', gifPath: '/o/p.gif' },
  });
  assert.ok(withPreviews[withPreviews.indexOf('-filter_complex') + 1]!.startsWith('[0:v]settb=1/25,crop@motion=320:240:4:4,trim=end_pts=50,format=yuv420p,split=3[vout][pthumb][pgif];[pthumb]'));
  assert.deepEqual(withPreviews.slice(-12, -11), ['-map']);
  assert.equal(withPreviews.indexOf('/o/v.mp4'), withPreviews.length - 13, 'the previews are outputs after the video');
  const burn = buildBurnCaptionsArgs({ videoPath: '/o/v.mp4', srtPath: "/w/it's:a.srt", format: 'mp4', height: 240, fps: 25, outPath: '/o/c.mp4' });
  assert.ok(burn[burn.indexOf('-vf') + 1]!.startsWith(`fps=25,subtitles=filename=${escapeFilterPath("/w/it's:a.srt")}:force_style='FontName=DejaVu Sans`));
  assert.deepEqual(burn.slice(burn.indexOf('-c:a'), burn.indexOf('-c:a') + 2), ['-c:a', 'copy']);
  assert.deepEqual(buildProbeArgs('/x.mp4'), ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '/x.mp4']);
  const probe = parseProbeJson(JSON.stringify({
    format: { duration: '3.2804', format_name: 'mov,mp4' },
    streams: [
      { codec_type: 'video', codec_name: 'h264', width: 320, height: 240, pix_fmt: 'yuv420p', avg_frame_rate: '25/1', nb_frames: '82' },
      { codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 1 },
    ],
  }));
  assert.deepEqual(probe, {
    durationSec: 3.28, formatName: 'mov,mp4',
    video: { codec: 'h264', width: 320, height: 240, pixelFormat: 'yuv420p', fps: 25, frames: 82 },
    audio: { codec: 'aac', sampleRate: 48000, channels: 1 },
  });
  assert.equal(parseProgressLine('out_time_us=1500000'), 1.5);
  assert.equal(parseProgressLine('progress=continue'), null);
});

test('static backgrounds: one concat list of full-frame stills, idle motion as crop commands, frames only where the picture changes', () => {
  const args = buildStillsComposeArgs({
    width: 320, height: 240, fps: 25, concatPath: '/w/frames.ffconcat', motionCommandsPath: '/w/motion.cmd', start: { x: 4, y: 6 },
    totalFrames: 50, audio: [{ path: '/w/s.wav', frames: 50 }], outPath: '/o/v.mp4',
  });
  assert.deepEqual(args.slice(8, 16), ['-f', 'concat', '-safe', '0', '-i', '/w/frames.ffconcat', '-i', '/w/s.wav']);
  const graph = args[args.indexOf('-filter_complex') + 1]!;
  assert.ok(graph.startsWith('[0:v]settb=1/25,sendcmd=f=/w/motion.cmd,crop@motion=320:240:4:6,trim=end_pts=50,format=yuv420p[vout];[1:a]'), graph);
  assert.ok(!graph.includes('overlay') && !graph.includes('fps='));
  assert.deepEqual(args.slice(args.indexOf('-fps_mode'), args.indexOf('-fps_mode') + 2), ['-fps_mode', 'passthrough']);
  assert.ok(!args.includes('-r') && !args.includes('-frames:v'), 'no frame is repeated to a constant rate');
  assert.ok(args.includes('libx264') && args.includes('+faststart'));
});

test('voice previews copy the audio track of a render without re-encoding', () => {
  assert.deepEqual(buildExtractAudioArgs('/w/v.mp4', '/w/a.m4a'), ['-v', 'error', '-y', '-i', '/w/v.mp4', '-vn', '-c:a', 'copy', '/w/a.m4a']);
});
