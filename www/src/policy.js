// Browsers older than 'wasm-unsafe-eval' (Chrome 97, Firefox 102, Safari 16) compile
// WebAssembly under a Content-Security-Policy only when it says 'unsafe-eval'. Our pages say
// 'wasm-unsafe-eval' alone; each served page has a twin (`npm run build` writes it) whose
// policy adds 'unsafe-eval' — for those browsers only: a page that finds its engine refused
// by the policy opens its twin instead. Our scripts have no eval of their own.

/** Whether loading the engine failed because the page's policy refused WebAssembly. */
export function refusedByPolicy(error) {
  return /disallowed by embedder|unsafe-eval|Content Security Policy/i.test(String(error?.message ?? error));
}

/** Opens `twin` (e.g. 'index-compat.html', next to this page, with the same query and
 * fragment) when `error` is the policy's refusal and this is not already the twin; says
 * whether it did. */
export function openTwin(error, twin) {
  // The twin itself (whatever the server calls it) allows 'unsafe-eval': nowhere further to go.
  const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '';
  if (!refusedByPolicy(error) || policy.includes("'unsafe-eval'")) return false;
  location.replace(new URL(`${twin}${location.search}${location.hash}`, location.href).href);
  return true;
}
