// Keystroke to frame on screen, as Chromium itself measures it: each key's `EventLatency` trace
// event runs from the moment the key event was created to the presentation of the frame that
// shows its effect, with the stages between (our handler, the frame's main-thread work, the
// draw). Unlike the Event Timing API it reports every key (Event Timing leaves out those under
// 16 ms and rounds to 8 ms), so medians are not biased towards slow keys.

/** Trace categories that carry EventLatency (cheap: no per-task events). */
export const LATENCY_CATEGORIES = ['cc', 'benchmark', 'input'];

/**
 * The KEY_PRESSED latencies in a trace, in order: `{ total, stages }` in ms, `stages` keyed by
 * Chromium's stage names (RendererMainProcessing, RendererMainFinishedToCommit,
 * SubmitCompositorFrameToPresentationCompositorFrame, …).
 */
export function keyLatencies(events) {
  const byId = new Map();
  for (const e of events) {
    if ((e.ph !== 'b' && e.ph !== 'e') || !e.id2) continue;
    const id = `${e.pid}:${e.id2.local ?? e.id2.global}`;
    if (!byId.has(id)) byId.set(id, []);
    byId.get(id).push(e);
  }
  const out = [];
  for (const list of byId.values()) {
    list.sort((a, b) => a.ts - b.ts);
    const open = new Map();
    let current = null;
    for (const e of list) {
      if (e.name === 'EventLatency' && e.ph === 'b') {
        current = { type: e.args?.event_latency?.event_type, start: e.ts, stages: {} };
        open.clear();
      } else if (e.name === 'EventLatency' && current) {
        if (current.type === 'KEY_PRESSED') out.push({ start: current.start, total: (e.ts - current.start) / 1000, stages: current.stages });
        current = null;
      } else if (current && e.ph === 'b') {
        open.set(e.name, e.ts);
      } else if (current && open.has(e.name)) {
        current.stages[e.name] = (e.ts - open.get(e.name)) / 1000;
        open.delete(e.name);
      }
    }
  }
  return out.sort((a, b) => a.start - b.start).map(({ total, stages }) => ({ total, stages }));
}

/** Records a Chromium trace (CDP) around `run()` and returns its key latencies. */
export async function traceKeys(context, page, run) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: LATENCY_CATEGORIES } });
  await run();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return keyLatencies(events);
}
