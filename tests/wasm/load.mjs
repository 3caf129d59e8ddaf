// Loads the wasm build in Node the documented way: the same pkg/ the page uses, with the
// module's bytes handed to initSync (no fetch in Node).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as jixiao from '../../pkg/jixiao.js';
import * as spreadsheets from '../../pkg/jixiao_xlsx.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
jixiao.initSync({ module: readFileSync(path.join(root, 'pkg', 'jixiao_bg.wasm')) });
spreadsheets.initSync({ module: readFileSync(path.join(root, 'pkg', 'jixiao_xlsx_bg.wasm')) });
export const { Calculator, catalog, listTemplates, readCell, readLevelCell, evaluate, version, openDocument, projectRow, otherYears, workbookJson } = jixiao;
export const {
  previewSpreadsheet, importSpreadsheet, columnRoles, sheetToXlsx, workbookToXlsx, summaryCsv, sheetCsv, previewTable, pasteTable,
  reviewTable, applyConvention, reviewToXlsx, reportToDocx, reportNarrative, bindReportKeys, searchIndicators, pastedFunds,
} = spreadsheets;
export const fixture = (name) => readFileSync(path.join(root, 'tests', 'fixtures', name), 'utf8');
