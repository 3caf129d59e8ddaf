// The guard between the page and the core (www/src/guard.js): a trap stops every door at
// once, edits that succeed are journaled, and a journal replays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guard, guardEngine, guardSpreadsheets, replay, EngineStopped, TableHeld, SPREADSHEETS_STOPPED } from '../../www/src/guard.js';

class FakeCalculator {
  constructor() {
    this.values = {};
  }
  set(row, field, value) {
    if (value === 'panic') throw new WebAssembly.RuntimeError('unreachable');
    if (value === 'refused') throw new Error('无法识别');
    this.values[`${row}.${field}`] = value;
    return { total: value };
  }
  report() {
    return { values: this.values };
  }
  carryReport(what, from, to) {
    this.values.carried = [what, from, to];
  }
  static fromJson(json) {
    if (json === 'panic') throw new WebAssembly.RuntimeError('unreachable');
    return new FakeCalculator();
  }
}

test('edits that succeed are journaled; a refused edit is not; a trap stops every later call', () => {
  const journal = [];
  const faults = [];
  const state = { stopped: false };
  const calc = guard(new FakeCalculator(), journal, (error, failed) => faults.push([error.name, failed]), state);
  calc.set(0, 'actual', '95');
  assert.throws(() => calc.set(0, 'actual', 'refused'), /无法识别/);
  calc.report();
  assert.deepEqual(journal, [['set', [0, 'actual', '95']]], 'only the edit that took effect');
  assert.throws(() => calc.set(1, 'target', 'panic'), WebAssembly.RuntimeError);
  assert.deepEqual(faults, [['RuntimeError', ['set', [1, 'target', 'panic']]]]);
  assert.throws(() => calc.report(), EngineStopped, 'nothing reaches a trapped instance');
  assert.equal(faults.length, 1, 'reported once');
});

test('while the table waits, every edit is refused before the core, saying why; reading is not', () => {
  const journal = [];
  const core = new FakeCalculator();
  let held = '表格暂不能修改';
  const calc = guard(core, journal, () => assert.fail('no fault'), { stopped: false }, () => held);
  assert.throws(() => calc.set(0, 'actual', '95'), (error) => error instanceof TableHeld && error.message === '表格暂不能修改');
  assert.throws(() => calc.carryReport('row', '甲', '乙'), TableHeld, 'a rewrite moved by name is an edit too');
  assert.deepEqual(calc.report(), { values: {} }, 'read as ever');
  assert.deepEqual(core.values, {}, 'nothing reached the core');
  assert.deepEqual(journal, []);
  held = null;
  calc.set(0, 'actual', '95');
  assert.deepEqual(journal, [['set', [0, 'actual', '95']]], 'let go, the table takes edits again');
});

test('the engine\'s other doors share the same stop', () => {
  const faults = [];
  const state = { stopped: false };
  const api = { Calculator: FakeCalculator, evaluate: (json) => ({ json }), version: () => '1' };
  const engine = guardEngine(api, (error, failed) => faults.push(failed[0]), state);
  assert.deepEqual(engine.evaluate('{}'), { json: '{}' });
  assert.ok(engine.Calculator.fromJson('{}') instanceof FakeCalculator);
  assert.throws(() => engine.Calculator.fromJson('panic'), WebAssembly.RuntimeError);
  assert.deepEqual(faults, ['fromJson']);
  assert.throws(() => engine.evaluate('{}'), EngineStopped);
  // A calculator guarded with the same state is stopped too.
  const calc = guard(new FakeCalculator(), [], () => faults.push('set'), state);
  assert.throws(() => calc.set(0, 'actual', '1'), EngineStopped);
});

test('a journal replays onto a fresh calculator, skipping what no longer applies', () => {
  const fresh = new FakeCalculator();
  const applied = replay(fresh, [['set', [0, 'actual', '95']], ['set', [1, 'target', 'refused']], ['set', [2, 'unit', '元']]]);
  assert.equal(applied, 2);
  assert.deepEqual(fresh.values, { '0.actual': '95', '2.unit': '元' });
});

test('the spreadsheet module, once trapped, says so in Chinese and is not called again', () => {
  const calls = [];
  const module = {
    default: () => 'init',
    columnRoles: () => ['seq'],
    importSpreadsheet: (bytes) => {
      calls.push(bytes);
      if (bytes === 'huge') throw new WebAssembly.RuntimeError('unreachable');
      if (bytes === 'bad') throw new Error('文件已损坏');
      return { sheets: [] };
    },
  };
  const xlsx = guardSpreadsheets(module);
  assert.deepEqual(xlsx.importSpreadsheet('ok'), { sheets: [] });
  assert.throws(() => xlsx.importSpreadsheet('bad'), /^Error: 文件已损坏$/, 'its own messages pass as they are');
  assert.throws(() => xlsx.importSpreadsheet('huge'), (error) => error.message === SPREADSHEETS_STOPPED && !(error instanceof WebAssembly.RuntimeError));
  assert.throws(() => xlsx.columnRoles(), { message: SPREADSHEETS_STOPPED });
  assert.deepEqual(calls, ['ok', 'bad', 'huge'], 'nothing reaches a trapped instance');
  assert.equal(xlsx.default, module.default);
});
