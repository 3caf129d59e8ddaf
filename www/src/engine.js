// Loading the wasm core once. It comes from a URL next to this script (hosted page, portal),
// or from bytes carried inside the page itself (the offline single file: Chromium refuses to
// fetch() a local file, so `npm run build` inlines the module as base64).
import init, * as api from '../../pkg/jixiao.js';

let loading = null;

function bytesFromBase64(text) {
  const binary = atob(text.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Loads the engine; resolves to the binding's exports (Calculator, listTemplates, readCell,
 * evaluate, version). `source` may be a URL or the module's bytes.
 */
export function loadEngine(source) {
  loading ??= (async () => {
    const inline = typeof document !== 'undefined' ? document.getElementById('jixiao-wasm') : null;
    let module_or_path = source;
    if (!module_or_path && inline) module_or_path = bytesFromBase64(inline.textContent);
    if (!module_or_path) module_or_path = new URL('./jixiao_bg.wasm', import.meta.url);
    await init({ module_or_path });
    return api;
  })();
  return loading;
}
