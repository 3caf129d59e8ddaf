// The one door every call into the core goes through. A panic in the Rust core aborts the
// wasm instance (a WebAssembly.RuntimeError) and leaves it unusable, so the page must stop
// calling it, say so plainly, and keep the user's work. The guard notices the trap, and
// between two saves it keeps a journal of the edits that succeeded, so what was not yet saved
// can be replayed after a reload (all but the edit that tripped the fault). While the table
// waits (an older file's report keys being bound, app.js), it refuses every edit here, on
// every browser: `inert` alone leaves the table editable where the browser does not know it.

/** Calculator methods that change the sheet: journaled when they succeed. */
const EDITS = new Set([
  'set', 'editTotal', 'insert', 'remove', 'indent', 'outdent', 'moveBy', 'setMeta', 'setKind',
  'setSettings', 'setFund', 'insertFund', 'removeFund', 'setProject', 'insertProject', 'removeProject',
  'setReportParagraph',
]);

/** Methods that change the sheet without being journaled: refused, as the edits, while the
 * table waits. */
const UNJOURNALED_EDITS = new Set(['carryReport']);

/** Thrown instead of an edit while the table waits; its message says why, in Chinese. */
export class TableHeld extends Error {
  constructor(message) {
    super(message);
    this.name = 'TableHeld';
  }
}

/** Thrown instead of calling a stopped engine. */
export class EngineStopped extends Error {
  constructor() {
    super('计算引擎已停止，请重新加载页面');
    this.name = 'EngineStopped';
  }
}

/**
 * `fn` called on `self`, watched: refused once the engine has stopped; a trap stops it and is
 * reported once to `onFault(error, [name, args])`; `done(args)` follows a call that succeeded.
 */
function watched(fn, self, name, state, onFault, done) {
  return (...args) => {
    if (state.stopped) throw new EngineStopped();
    try {
      const result = fn.apply(self, args);
      done?.(args);
      return result;
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) {
        state.stopped = true;
        onFault(error, [name, args]);
      }
      throw error;
    }
  };
}

/**
 * Wraps a Calculator. `journal` (an array) receives `[method, args]` for each edit that
 * succeeds; `onFault(error, [method, args])` is called once when a call traps, and every
 * call after that throws EngineStopped. `held()` says why the table takes no edit now, or
 * null: an edit then throws TableHeld with those words and never reaches the core.
 */
export function guard(calculator, journal, onFault, state = { stopped: false }, held = () => null) {
  return new Proxy(calculator, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const record = EDITS.has(key) ? (args) => journal.push([key, args]) : null;
      const call = watched(value, target, key, state, onFault, record);
      if (!record && !UNJOURNALED_EDITS.has(key)) return call;
      return (...args) => {
        const why = held();
        if (why) throw new TableHeld(why);
        return call(...args);
      };
    },
  });
}

/** Applies journaled edits to a calculator; returns how many applied. */
export function replay(calculator, edits) {
  let applied = 0;
  for (const [method, args] of edits) {
    try {
      calculator[method](...args);
      applied += 1;
    } catch {
      /* an edit that no longer applies is skipped; the others still are */
    }
  }
  return applied;
}

/**
 * The engine's other doors (evaluate, openDocument, projectRow, otherYears, workbookJson, and the
 * Calculator constructors fromJson / fromTemplate / empty): the same watch for a trap.
 * Calculators made here are guarded when the page takes them as its `calc`.
 */
export function guardEngine(api, onFault, state) {
  const Calculator = new Proxy(api.Calculator, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' && key !== 'prototype' ? watched(value, target, key, state, onFault) : value;
    },
  });
  const wrapped = { Calculator };
  for (const [key, value] of Object.entries(api)) {
    if (key !== 'Calculator' && key !== 'default') wrapped[key] = typeof value === 'function' ? watched(value, api, key, state, onFault) : value;
  }
  return wrapped;
}

/** What a call into the spreadsheet module says once that module has trapped. */
export const SPREADSHEETS_STOPPED = 'Excel 组件出错，已停止（文件可能过大或已损坏）：请刷新页面后再使用 Excel 相关功能';

/**
 * The spreadsheet module's functions, watched as the engine's are: a trap (a panic, or memory
 * it could not get for a file too large) leaves that module unusable, so the call that tripped
 * it and every one after throw an Error saying so in Chinese, not the browser's "unreachable".
 * The calculator and the user's table are not affected.
 */
export function guardSpreadsheets(module) {
  const state = { stopped: false };
  const wrapped = {};
  for (const [key, value] of Object.entries(module)) {
    if (key === 'default' || typeof value !== 'function') {
      wrapped[key] = value;
      continue;
    }
    wrapped[key] = (...args) => {
      if (state.stopped) throw new Error(SPREADSHEETS_STOPPED);
      try {
        return value(...args);
      } catch (error) {
        if (!(error instanceof WebAssembly.RuntimeError)) throw error;
        state.stopped = true;
        throw new Error(SPREADSHEETS_STOPPED);
      }
    };
  }
  return wrapped;
}
