// Where the calculator's own files (its wasm modules) are: next to this module. The ES2017 build
// puts here-legacy.js in its place, since it cannot say import.meta (scripts/build.mjs).
export const here = (file) => new URL(`./${file}`, import.meta.url);
