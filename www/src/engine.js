// Loading the wasm modules once each. They come from a URL next to this script (hosted page,
// portal), or from bytes carried inside the page itself (the offline single file: Chromium
// refuses to fetch() a local file, so `npm run build` inlines the modules as base64).
//
// The calculator loads with the page. The spreadsheet module (.xlsx / .csv in and out) is
// several times larger and loads only when a user first opens or exports a spreadsheet.
import init, * as api from '../../pkg/jixiao.js';
import { useCatalog } from './catalog.js';
import { calculatorWasm, spreadsheetWasm } from './here.js';
import { refusedByPolicy } from './policy.js';
import { loadFailure } from './load-error.js';
import { guardSpreadsheets } from './guard.js';

let loading = null;
let loadingSpreadsheets = null;

function bytesFromBase64(text) {
  const binary = atob(text.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function inlined(id) {
  const element = typeof document !== 'undefined' ? document.getElementById(id) : null;
  return element ? bytesFromBase64(element.textContent) : null;
}

/**
 * Loads the engine; resolves to the binding's exports (Calculator, listTemplates, readCell,
 * evaluate, openDocument, projectRow, otherYears, workbookJson, version). `source` may be a URL, the
 * module's bytes, or a promise of the compiled module.
 */
export function loadEngine(source) {
  loading ??= (async () => {
    // Once the importing script has run: it may say where the wasm is (window.JIXIAO_BASE).
    await null;
    // A compile the page began early (index.html) may have failed, as compileStreaming does
    // when a server does not send .wasm as application/wasm: the module is fetched as usual.
    const early = typeof source?.then === 'function' ? await source : source;
    const module_or_path = early || inlined('jixiao-wasm') || calculatorWasm();
    try {
      await hearingPolicy(module_or_path, () => init({ module_or_path }));
    } catch (error) {
      if (error.connectRefused) throw connectRefused('计算引擎', fileOf(module_or_path, 'jixiao_bg.wasm'), error.connectRefused);
      if (!refusedByPolicy(error)) throw loadFailure('计算引擎', fileOf(module_or_path, 'jixiao_bg.wasm'), error);
      throw new Error('本页的安全策略（Content-Security-Policy）不允许运行计算引擎（WebAssembly）：'
        + "请在 script-src 中加上 'wasm-unsafe-eval'；Chrome 或 Edge 97、Firefox 102、Safari 16 以前的浏览器还需 'unsafe-eval'");
    }
    useCatalog(api.catalog());
    return api;
  })();
  // A load that failed (a wrong address, the network down a moment) is tried afresh by the
  // next calculator, with the address it gives: else one failure stops every calculator of the
  // page until it is reloaded.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * Runs `load` of `source`, hearing meanwhile whether the page's policy kept it from fetching
 * `source` (connect-src): a fetch so refused fails as a network failure does, and would be said
 * as one. A load that failed so has the address refused as its `connectRefused`. The portal's
 * own requests refused meanwhile (its analytics) are not ours to blame.
 */
async function hearingPolicy(source, load) {
  if (typeof document === 'undefined' || !(typeof source === 'string' || source instanceof URL)) return load();
  const wanted = new URL(String(source), location.href);
  let refused = null;
  const hear = (e) => {
    if (!/^connect-src/.test(e.effectiveDirective || e.violatedDirective || '')) return;
    let blocked = null;
    try {
      blocked = new URL(e.blockedURI);
    } catch {
      return;
    }
    // The browser names the whole address, or only its origin for another site's.
    if (blocked.origin === wanted.origin && (blocked.pathname === '/' || blocked.pathname === wanted.pathname)) refused ??= e.blockedURI;
  };
  document.addEventListener('securitypolicyviolation', hear);
  try {
    return await load();
  } catch (error) {
    // The violation is reported in a task of its own, which may come after the failure.
    await new Promise((done) => setTimeout(done));
    if (refused != null && error && typeof error === 'object') error.connectRefused = refused || true;
    throw error;
  } finally {
    document.removeEventListener('securitypolicyviolation', hear);
  }
}

/** `what` not loaded from `file` because the page's policy does not let it fetch `address`. */
function connectRefused(what, file, address) {
  let origin = '';
  try {
    origin = new URL(String(address), location.href).origin;
  } catch {
    /* the browser named no address */
  }
  const add = origin && origin !== 'null' ? `${origin}${origin === location.origin ? '（或 \'self\'）' : ''}` : '它所在的地址';
  return new Error(`${what}未能加载：本页的安全策略（Content-Security-Policy）的 connect-src 不允许下载 ${String(file).split(/[?#]/)[0].split('/').pop()}。`
    + `请网站管理员在 connect-src 中加上 ${add}。`);
}

/** The name of the file `source` is, when it is an address (`fallback` for bytes). */
function fileOf(source, fallback) {
  return typeof source === 'string' || source instanceof URL ? String(source) : fallback;
}

/**
 * Loads the spreadsheet module; resolves to its exports (previewSpreadsheet,
 * importSpreadsheet, columnRoles, previewTable, pasteTable, sheetToXlsx, workbookToXlsx, sheetCsv,
 * summaryCsv). `source` may be a URL or the module's bytes; by default it sits next to the
 * calculator's module.
 */
export function loadSpreadsheets(source) {
  loadingSpreadsheets ??= (async () => {
    const module_or_path = source || inlined('jixiao-xlsx-wasm') || spreadsheetWasm();
    // The hosted page fetches this module's glue as a chunk of its own (scripts/build.mjs):
    // the wasm is requested at the same time, not after it.
    const fetched = typeof module_or_path === 'string' || module_or_path instanceof URL ? fetch(module_or_path) : module_or_path;
    fetched.catch?.(() => {}); // reported by the init below, if the glue loaded
    let xlsx;
    try {
      xlsx = await import('../../pkg/jixiao_xlsx.js');
    } catch (error) {
      throw loadFailure('Excel 组件', 'jixiao_xlsx.js', error, { retry: '再试一次' });
    }
    try {
      await xlsx.default({ module_or_path: fetched });
    } catch (error) {
      throw loadFailure('Excel 组件', fileOf(module_or_path, 'jixiao_xlsx_bg.wasm'), error, { retry: '再试一次' });
    }
    return guardSpreadsheets(xlsx);
  })().catch((error) => {
    loadingSpreadsheets = null; // a failed download may be retried
    throw error;
  });
  return loadingSpreadsheets;
}

/**
 * The spreadsheet module for a calculator mounted with `options` (its `xlsxWasm`, else next to
 * its `wasm` URL), as an async function. While the module loads, `notice` says so (after
 * 150 ms); a module that cannot load is an Error in Chinese (load-error.js).
 */
export function spreadsheetsFor(options, notice) {
  return async () => {
    const timer = setTimeout(() => notice.show('正在加载 Excel 组件…', 'info'), 150);
    try {
      // Next to the calculator's module, resolved as its fetch was: against the document's
      // base (a portal's <base href>), not the page's address.
      const wasm = options.wasm;
      const source = options.xlsxWasm ?? (typeof wasm === 'string' || wasm instanceof URL ? new URL('jixiao_xlsx_bg.wasm', new URL(wasm, document.baseURI)) : undefined);
      const module = await loadSpreadsheets(source);
      notice.hideIf('正在加载 Excel');
      return module;
    } finally {
      clearTimeout(timer);
    }
  };
}
