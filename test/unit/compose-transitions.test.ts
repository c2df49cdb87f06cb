// Scene transitions as data: the frames each transition covers (clamped to the plan's bounds and to its
// scenes) and the filter graph that blends them, as strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildComposeArgs } from '../../src/render/compose/build-compose-args.js';
import { appendTransitions, transitionInputs, type TransitionInput } from '../../src/render/compose/scene-transitions.js';
import type { SceneTransitionPlan } from '../../src/domain/render-plan.js';

const mp4 = { fps: 25, width: 320, height: 180, pixelFormat: 'yuv420p' };
const webm = { ...mp4, pixelFormat: 'yuva420p' };

/** Scenes of the given lengths (frames) with the given transitions; returns transitionInputs' answer. */
function inputsFor(lengths: number[], transitions: (SceneTransitionPlan | undefined)[], fps = 25): TransitionInput[] {
  const starts = lengths.map((_, i) => lengths.slice(0, i).reduce((a, b) => a + b, 0));
  const scenes = transitions.map((transition) => (transition ? { transition } : {}));
  return transitionInputs(scenes, starts, fps, lengths.reduce((a, b) => a + b, 0));
}

test('transition inputs: on the frame grid at the joined scene\'s first frame; the first scene\'s own is ignored', () => {
  assert.deepEqual(inputsFor([30, 30, 30], [{ type: 'slide', seconds: 1 }, { type: 'fade', seconds: 0.4 }, undefined]), [{ type: 'fade', atFrame: 30, frames: 10 }]);
  assert.deepEqual(inputsFor([30, 30], [undefined, { type: 'slide', seconds: 0.5 }], 30), [{ type: 'slide', atFrame: 30, frames: 15 }]);
  assert.deepEqual(inputsFor([30, 30], [undefined, undefined]), []);
});

test('transition inputs: seconds clamped to 0.1–2 s and to the shorter of the two scenes', () => {
  const at = (lengths: number[], seconds: number) => inputsFor(lengths, [undefined, { type: 'fade', seconds }])[0]?.frames;
  assert.equal(at([100, 100], 0), 3); // 0.1 s = 2.5 frames, rounded
  assert.equal(at([100, 100], 5), 50); // 2 s
  assert.equal(at([6, 100], 1), 6); // scene A is shorter
  assert.equal(at([100, 4], 1), 4); // scene B is shorter (the last scene: its length comes from the total)
  assert.equal(at([1, 1], 1), 1);
  assert.equal(at([100, 100], Number.NaN), undefined);
});

test('transition inputs: stop one frame before a scene\'s end when the next scene has a transition too', () => {
  // Scene 1 lasts 8 frames: its transition may not reach frame 15, the picture the next one holds.
  assert.deepEqual(inputsFor([20, 8, 20], [undefined, { type: 'fade', seconds: 2 }, { type: 'slide', seconds: 2 }]), [
    { type: 'fade', atFrame: 20, frames: 7 },
    { type: 'slide', atFrame: 28, frames: 8 },
  ]);
  // A one-frame scene between two transitions keeps only the second.
  assert.deepEqual(inputsFor([20, 1, 20], [undefined, { type: 'fade', seconds: 1 }, { type: 'fade', seconds: 1 }]), [{ type: 'fade', atFrame: 21, frames: 1 }]);
});

test('no transitions: the picture is left as it is', () => {
  const graph: string[] = [];
  assert.equal(appendTransitions(graph, 'ov0', [], mp4), 'ov0');
  assert.deepEqual(graph, []);
});

test('one fade: plain frames up to scene A\'s last, a 10-frame xfade segment holding it over B\'s first 10, plain frames to the end', () => {
  const graph: string[] = [];
  const out = appendTransitions(graph, 'bg', [{ type: 'fade', atFrame: 30, frames: 10 }], mp4);
  assert.equal(out, 'txout');
  assert.deepEqual(graph, [
    '[bg]settb=1/25,setpts=N,split=4[txp0][txa1][txb1][txp2]',
    '[txp0]trim=end_frame=30,setpts=PTS-STARTPTS[txs0]',
    // A's last picture converted once, then held; B's first ten frames. xfade works in 4:4:4.
    '[txa1]trim=start_frame=29:end_frame=30,setpts=PTS-STARTPTS,format=yuv444p,tpad=stop_mode=clone:stop=9[txh1]',
    '[txb1]trim=start_frame=30:end_frame=40,setpts=PTS-STARTPTS,format=yuv444p[txn1]',
    // One frame early and one frame longer: B weighs 1/11 on frame 30, 10/11 on frame 39.
    '[txh1][txn1]xfade=transition=fade:duration=0.440000:offset=-0.040000,format=yuv420p[txs1]',
    '[txp2]trim=start_frame=40,setpts=PTS-STARTPTS[txs2]',
    '[txs0][txs1][txs2]concat=n=3:v=1:a=0,settb=1/25,setpts=N[txout]',
  ]);
});

test('alpha: a fade blends premultiplied and returns to the working format; a slide only moves pixels', () => {
  const fade: string[] = [];
  appendTransitions(fade, 'bg', [{ type: 'fade', atFrame: 30, frames: 10 }], webm);
  assert.ok(fade[2]!.endsWith('setpts=PTS-STARTPTS,format=yuva444p,premultiply=inplace=1,tpad=stop_mode=clone:stop=9[txh1]'), fade[2]);
  assert.ok(fade[3]!.endsWith('setpts=PTS-STARTPTS,format=yuva444p,premultiply=inplace=1[txn1]'), fade[3]);
  assert.equal(fade[4], '[txh1][txn1]xfade=transition=fade:duration=0.440000:offset=-0.040000,unpremultiply=inplace=1,format=yuva420p[txs1]');
  const slide: string[] = [];
  appendTransitions(slide, 'bg', [{ type: 'slide', atFrame: 30, frames: 10 }], webm);
  assert.equal(slide[2], '[txa1]trim=start_frame=29:end_frame=30,setpts=PTS-STARTPTS,format=yuva444p,tpad=stop_mode=clone:stop=9[txh1]');
  assert.equal(slide[4], '[txh1][txn1]xfade=transition=slideleft:duration=0.440000:offset=-0.040000,format=yuva420p[txs1]');
  assert.ok(!slide.join(';').includes('premultiply'));
});

test('two transitions share one split and one concat, in frame order; at 30 fps the offset is one frame too', () => {
  const graph: string[] = [];
  appendTransitions(graph, 'ov1', [{ type: 'slide', atFrame: 50, frames: 5 }, { type: 'fade', atFrame: 1, frames: 3 }], { ...mp4, fps: 30 });
  assert.deepEqual(graph, [
    '[ov1]settb=1/30,setpts=N,split=7[txp0][txa1][txb1][txp2][txa3][txb3][txp4]',
    '[txp0]trim=end_frame=1,setpts=PTS-STARTPTS[txs0]',
    '[txa1]trim=start_frame=0:end_frame=1,setpts=PTS-STARTPTS,format=yuv444p,tpad=stop_mode=clone:stop=2[txh1]',
    '[txb1]trim=start_frame=1:end_frame=4,setpts=PTS-STARTPTS,format=yuv444p[txn1]',
    '[txh1][txn1]xfade=transition=fade:duration=0.133333:offset=-0.033333,format=yuv420p[txs1]',
    '[txp2]trim=start_frame=4:end_frame=50,setpts=PTS-STARTPTS[txs2]',
    '[txa3]trim=start_frame=49:end_frame=50,setpts=PTS-STARTPTS,format=yuv444p,tpad=stop_mode=clone:stop=4[txh3]',
    '[txb3]trim=start_frame=50:end_frame=55,setpts=PTS-STARTPTS,format=yuv444p[txn3]',
    '[txh3][txn3]xfade=transition=slideleft:duration=0.200000:offset=-0.033333,format=yuv420p[txs3]',
    '[txp4]trim=start_frame=55,setpts=PTS-STARTPTS[txs4]',
    '[txs0][txs1][txs2][txs3][txs4]concat=n=5:v=1:a=0,settb=1/30,setpts=N[txout]',
  ]);
});

test('close transitions: a one-frame one holds nothing more; one that would hold a blended frame stays a cut', () => {
  const graph: string[] = [];
  appendTransitions(graph, 'bg', [{ type: 'fade', atFrame: 10, frames: 5 }, { type: 'fade', atFrame: 16, frames: 1 }, { type: 'fade', atFrame: 17, frames: 2 }], mp4);
  assert.equal(graph[0], '[bg]settb=1/25,setpts=N,split=7[txp0][txa1][txb1][txp2][txa3][txb3][txp4]');
  assert.equal(graph[5], '[txp2]trim=start_frame=15:end_frame=16,setpts=PTS-STARTPTS[txs2]');
  assert.equal(graph[6], '[txa3]trim=start_frame=15:end_frame=16,setpts=PTS-STARTPTS,format=yuv444p[txh3]');
  assert.equal(graph.filter((g) => g.includes('xfade')).length, 2, graph.join('\n'));
  assert.equal(graph[9], '[txp4]trim=start_frame=17,setpts=PTS-STARTPTS[txs4]');
});

test('compose args: the transitions work on the finished picture, before the watermark', () => {
  const args = buildComposeArgs({
    width: 320, height: 180, fps: 25, format: 'webm',
    backgrounds: [{ kind: 'color', color: '#ff0000', frames: 30 }, { kind: 'transparent', frames: 30 }],
    avatars: [], audio: [{ path: null, frames: 30 }, { path: null, frames: 30 }], outPath: '/out/video.webm',
    transitions: [{ type: 'fade', atFrame: 30, frames: 10 }],
    watermark: { path: '/w/watermark.png', x: 10, y: 10 },
  });
  const graph = args[args.indexOf('-filter_complex') + 1]!.split(';');
  const split = graph.indexOf('[bg]settb=1/25,setpts=N,split=4[txp0][txa1][txb1][txp2]');
  assert.ok(split > 0, graph.join('\n'));
  assert.ok(graph.some((g) => g.includes('unpremultiply=inplace=1,format=yuva420p[txs1]')), graph.join('\n'));
  assert.ok(graph.indexOf('[txout][0:v]overlay=x=10:y=10:format=yuv420[wm]') > split, graph.join('\n'));
});
