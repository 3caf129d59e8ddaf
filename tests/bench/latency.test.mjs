// The bench's reading of Chromium's EventLatency trace events (scripts/latency.mjs): one entry per
// key press, in order, with its stages; key releases and other events are left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyLatencies } from '../../scripts/latency.mjs';

const ev = (name, ph, ts, id, args) => ({ name, ph, ts, pid: 1, tid: 2, id2: { local: id }, ...(args ? { args } : {}) });
const key = (type) => ({ event_latency: { event_type: type } });

test('key presses with their stages, in time order', () => {
  const events = [
    // The second press, listed first: the result is ordered by time.
    ev('EventLatency', 'b', 50_000, '0x2', key('KEY_PRESSED')),
    ev('RendererMainProcessing', 'b', 51_000, '0x2'),
    ev('RendererMainProcessing', 'e', 53_500, '0x2'),
    ev('EventLatency', 'e', 59_000, '0x2'),
    ev('EventLatency', 'b', 10_000, '0x1', key('KEY_PRESSED')),
    ev('RendererMainProcessing', 'b', 10_500, '0x1'),
    ev('RendererMainProcessing', 'e', 12_500, '0x1'),
    ev('SubmitCompositorFrameToPresentationCompositorFrame', 'b', 18_000, '0x1'),
    ev('SubmitCompositorFrameToPresentationCompositorFrame', 'e', 21_000, '0x1'),
    ev('EventLatency', 'e', 22_250, '0x1'),
    // A key release and an unrelated event are not counted.
    ev('EventLatency', 'b', 30_000, '0x3', key('KEY_RELEASED')),
    ev('EventLatency', 'e', 31_000, '0x3'),
    { name: 'RunTask', ph: 'X', ts: 1, dur: 5, pid: 1, tid: 2 },
  ];
  assert.deepEqual(keyLatencies(events), [
    { total: 12.25, stages: { RendererMainProcessing: 2, SubmitCompositorFrameToPresentationCompositorFrame: 3 } },
    { total: 9, stages: { RendererMainProcessing: 2.5 } },
  ]);
});

test('a press whose end is missing from the trace is left out', () => {
  assert.deepEqual(keyLatencies([ev('EventLatency', 'b', 1_000, '0x9', key('KEY_PRESSED'))]), []);
});
