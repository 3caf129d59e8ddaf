// Where the calculator's wasm modules are: next to this module, each named in full so that
// bundlers (webpack 5, Vite) copy those two files and nothing else. The ES2017 build puts
// here-legacy.js in its place, since it cannot say import.meta (scripts/build.mjs).
export const calculatorWasm = () => new URL('./jixiao_bg.wasm', import.meta.url);
export const spreadsheetWasm = () => new URL('./jixiao_xlsx_bg.wasm', import.meta.url);
