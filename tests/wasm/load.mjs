// Loads the wasm build in Node the documented way: the same pkg/ the page uses, with the
// module's bytes handed to initSync (no fetch in Node).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as jixiao from '../../pkg/jixiao.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
jixiao.initSync({ module: readFileSync(path.join(root, 'pkg', 'jixiao_bg.wasm')) });
export const { Calculator, listTemplates, readCell, evaluate, version } = jixiao;
export const fixture = (name) => readFileSync(path.join(root, 'tests', 'fixtures', name), 'utf8');
