// A file of the calculator's own that did not load (its wasm, a part fetched when first used),
// said in Chinese to the user: what failed, why as far as the browser's error tells, and what
// to do. The browser's own words follow in brackets, for the portal's developers.

/** The file's name from a URL or path ('…/jixiao_bg.wasm?v=1' → 'jixiao_bg.wasm'). */
function nameOf(file) {
  const path = String(file).split(/[?#]/)[0];
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

/**
 * An Error saying that `what` (计算引擎, Excel 组件, 汇总表…) could not load, from `file` (its
 * name or URL), because of `error` (the browser's); `retry` is how the user tries again
 * (刷新页面, 重新打开本表), `note` what else to say before the browser's words (未做任何改动).
 * Its `original` is `error` (not `cause`: Error.cause is newer than the browser floor).
 */
export function loadFailure(what, file, error, { retry = '刷新页面', note = '' } = {}) {
  const detail = String(error?.message ?? error ?? '').trim();
  // A URL in the browser's message names the file better than the one we asked for (a
  // module a bundler renamed, say).
  const named = nameOf(/(?:https?|file):\/\/[^\s'"]+/.exec(detail)?.[0] ?? file);
  const status = /\b([1-5]\d\d)\b[^']*fetching/.exec(detail)?.[1] ?? /\bstatus(?: code)?:? ([1-5]\d\d)\b/i.exec(detail)?.[1];
  const admin = '仍不行，请告知网站管理员';
  let why;
  if (typeof WebAssembly !== 'object') {
    why = '本浏览器不能运行 WebAssembly。请改用 Chrome 或 Edge 86、Firefox 101、Safari 16.4 或更新的浏览器';
  } else if (status === '404') {
    // Where it was looked for is in the browser's words below; a portal that put a module
    // elsewhere says where (the script cannot always tell where it was loaded from).
    const elsewhere = named.endsWith('.wasm') ? '；部署在别处的，请用 wasm 属性（或 window.JIXIAO_BASE）指明其位置' : '';
    why = `服务器上没有文件 ${named}（404）。请告知网站管理员：这个文件须与计算器的其他文件部署在一起${elsewhere}`;
  } else if (status) {
    why = `服务器未能送出文件 ${named}（状态码 ${status}）。请稍后${retry}再试；${admin}`;
  } else if (error?.name === 'LinkError') {
    why = `${named} 与页面的脚本不是同一版本（更新时只换了其中一个，或浏览器留着旧的）。请${retry}再试；${admin}把计算器的文件一起更新`;
  } else if (error?.name === 'CompileError' || /magic|CompileError|doesn't parse|validation error/i.test(detail)) {
    why = `${named} 不是完好的 WebAssembly 文件（服务器可能送回了一个网页，或文件没有下载完整）。请${retry}再试；${admin}检查这个文件`;
  } else if (/fetch|network|load failed|import|module script/i.test(detail)) {
    why = `未能下载文件 ${named}（网络中断，或服务器上没有这个文件）。请检查网络后${retry}；${admin}`;
  } else {
    why = `请${retry}再试；${admin}`;
  }
  const failure = new Error(`${what}未能加载：${why}。${note}${detail ? `（${detail}）` : ''}`);
  failure.original = error;
  return failure;
}
