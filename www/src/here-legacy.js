// Where the ES2017 build's files (its wasm modules) are, without import.meta: where the page
// says (window.JIXIAO_BASE, e.g. '/static/jixiao/', read when a module is loaded, so it may be set
// after this script),
// else next to the classic script that loaded the bundle (document.currentScript while it first
// runs), else next to the page. The element's `wasm` attribute overrides all of these.
const script = typeof document !== 'undefined' ? document.currentScript : null;
const loadedFrom = script && script.src ? script.src : null;

export const here = (file) => {
  const base = (typeof window !== 'undefined' && window.JIXIAO_BASE) || loadedFrom || document.baseURI;
  // A base such as '/static/jixiao/' is relative to the page.
  return new URL(file, new URL(base, document.baseURI));
};
