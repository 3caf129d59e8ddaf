// A file of the calculator's own that did not load is said in Chinese, with what to do; the
// browser's words (English, for the portal's developers) only follow in brackets. The
// browsers' own messages below are as Chromium, Firefox and Safari word them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFailure } from '../../www/src/load-error.js';

/** The Chinese said, and the browser's words in brackets at the end (if any). */
function parts(error, detail) {
  const tail = detail ? `（${detail}）` : '';
  assert.ok(error.message.endsWith(tail), `${error.message} ends with ${tail}`);
  return error.message.slice(0, error.message.length - tail.length);
}

const url = 'https://calc.example.gov.cn/jixiao/jixiao_bg.wasm';
const CASES = [
  ['404 from wasm-bindgen', new Error(`failed to fetch Wasm: 404 Not Found fetching '${url}'`), /服务器上没有文件 jixiao_bg\.wasm（404）.*网站管理员.*用 wasm 属性（或 window\.JIXIAO_BASE）指明其位置/],
  ['500 from wasm-bindgen', new Error(`failed to fetch Wasm: 500 Internal Server Error fetching '${url}'`), /状态码 500.*刷新页面再试/],
  ['an HTML page served instead (Chromium)', Object.assign(new Error('WebAssembly.instantiate(): expected magic word 00 61 73 6d, found 3c 21 64 6f @+0'), { name: 'CompileError' }), /不是完好的 WebAssembly 文件.*网页/],
  ['an HTML page served instead (Firefox)', new Error('wasm validation error: at offset 4: failed to match magic number'), /不是完好的/],
  ['the network down (Chromium)', new TypeError('Failed to fetch'), /未能下载文件 jixiao_bg\.wasm.*检查网络后刷新页面/],
  ['the network down (Firefox)', new TypeError('NetworkError when attempting to fetch resource.'), /未能下载/],
  ['the network down (Safari)', new TypeError('Load failed'), /未能下载/],
  ['an old wasm beside new glue', Object.assign(new Error('WebAssembly.instantiate(): Import #3 "wbg" "__wbg_new_1": function import requires a callable'), { name: 'LinkError' }), /不是同一版本/],
  ['something else', new Error('unexpected'), /^计算引擎未能加载：请刷新页面再试；仍不行，请告知网站管理员。$/],
];

for (const [name, error, said] of CASES) {
  test(`the engine not loaded, ${name}: said in Chinese with what to do, the browser's words in brackets`, () => {
    const failure = loadFailure('计算引擎', url, error);
    const chinese = parts(failure, error.message);
    assert.match(chinese, /^计算引擎未能加载：/);
    assert.match(chinese, said);
    assert.match(chinese, /请/, 'says what to do');
    // Nothing in English but the file's name, the word WebAssembly and, for the site's
    // administrator, the names of the two settings that say where the file is.
    assert.doesNotMatch(chinese.replace(/jixiao_bg\.wasm|WebAssembly|wasm 属性|window\.JIXIAO_BASE/g, ''), /[A-Za-z]{2,}/, chinese);
    assert.equal(failure.original, error);
  });
}

test('a part of the page missing from the server is said without the settings that place the wasm', () => {
  const error = new TypeError("Failed to fetch dynamically imported module: 404 Not Found fetching 'https://calc.example.gov.cn/jixiao/summary-view.js'");
  const failure = loadFailure('汇总表', 'summary-view.js', error, { retry: '重新打开本表' });
  assert.match(failure.message, /服务器上没有文件 summary-view\.js（404）。请告知网站管理员：这个文件须与计算器的其他文件部署在一起。/);
});

test('a part fetched later names its file from the browser’s message, and says how to try again', () => {
  const error = new TypeError('Failed to fetch dynamically imported module: https://calc.example.gov.cn/jixiao/summary-view.js?v=2');
  const failure = loadFailure('汇总表', 'summary-view.js', error, { retry: '重新打开本表' });
  assert.match(failure.message, /^汇总表未能加载：未能下载文件 summary-view\.js（网络中断，或服务器上没有这个文件）。请检查网络后重新打开本表；/);
  const pasted = loadFailure('列的核对', 'import-dialog.js', new TypeError('Importing a module script failed.'), { retry: '再粘贴一次', note: '未做任何改动。' });
  assert.match(pasted.message, /再粘贴一次；仍不行，请告知网站管理员。未做任何改动。（Importing a module script failed\.）$/);
});
