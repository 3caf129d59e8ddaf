// Where the ES2017 build's wasm modules are, without import.meta: where the page says
// (window.JIXIAO_BASE, e.g. '/static/jixiao/'; set it in the same script that imports this
// one: it is read once that script has run), else next to the script the bundle runs in
// (document.currentScript while it is first evaluated: a portal's webpack bundle), else next
// to the page. The element's `wasm` attribute overrides all of these.
const script = typeof document !== 'undefined' ? document.currentScript : null;
const loadedFrom = script && script.src ? script.src : null;

function here(file) {
  const base = (typeof window !== 'undefined' && window.JIXIAO_BASE) || loadedFrom || document.baseURI;
  // A base such as '/static/jixiao/' is relative to the page.
  return new URL(file, new URL(base, document.baseURI));
}

export const calculatorWasm = () => here('jixiao_bg.wasm');
export const spreadsheetWasm = () => here('jixiao_xlsx_bg.wasm');
