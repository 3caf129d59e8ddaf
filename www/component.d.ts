// Types of the package's main entry (`import … from 'jixiao'`): the <jixiao-calculator>
// element, mount() and loadEngine(). The sheet and evaluation types are the engine's.
import type { Sheet, Report, Update } from './pkg/jixiao.js';
import type * as Engine from './engine.js';

export type { Sheet, Report, Update };

/** What `jixiao-change` and `onChange` carry. Each field is worked out when first read and
 * then kept (read twice, the same). Read in the handler, the fields are that change's; a
 * detail kept and read after the table changed again gives the table as it is then, so the
 * fields a host stores together (a sheet and its total) are read together: read on two sides
 * of an `await`, they may be of two states. Read after another sheet was opened (`sheet` set
 * to another, a template loaded), a field throws an Error with `code` 'closed', never giving
 * that sheet's content as this change's. A sheet set from inside the handler whose content is the
 * open sheet's (a copy of `sheet`, `JSON.parse(json)`) changes nothing; one that differs is
 * opened without a `jixiao-change` of its own (the handler knows what it set). */
export interface ChangeDetail {
  readonly sheet: Sheet;
  readonly evaluation: Report;
  readonly json: string;
  /** The total, grade and counts, without the whole evaluation. */
  readonly totals: Update;
}

/** The wasm module: its URL, or its bytes. */
export type WasmSource = string | URL | BufferSource;

export interface MountOptions {
  /** A built-in template: project, key-evaluation, department-efficiency, department-management, summary. */
  template?: string;
  /** A sheet to open: the file format object or its JSON text. */
  sheet?: Sheet | string;
  /** Keep workbooks in localStorage (true, or a key prefix); off by default. */
  autosave?: boolean | string;
  /** After every change. */
  onChange?: (detail: ChangeDetail) => void;
  /** `sheet` could not be read (said in the calculator too, whose template then stands in its
   * place): called once `ready`, with the reason in Chinese. Do not save over the sheet you
   * hold until the user has seen it. */
  onError?: (error: Error & { code: 'load-failed' }) => void;
  /** The calculator's wasm, when it is not next to jixiao.js. */
  wasm?: WasmSource;
  /** The spreadsheet module's wasm, loaded on first use; by default next to `wasm`. */
  xlsxWasm?: WasmSource;
  /** false: draw into the element itself, letting the host's CSS apply. */
  shadow?: boolean;
  /** 'page': the calculator is the whole page (its bar stays in view). */
  layout?: 'page' | 'embedded';
  /** The narrow layout whatever the width (a side panel). */
  compact?: boolean;
}

/** What mount() returns. The methods that read or change the sheet throw an Error in Chinese
 * whose `code` is 'not-ready' before `ready`, 'failed' when the engine did not load, and
 * 'destroyed' after `destroy()`; `setCompact` and `destroy` (again) are harmless. */
export interface Controller {
  /** Resolves when the engine has loaded and the sheet is drawn. */
  readonly ready: Promise<void>;
  getSheet(): Sheet;
  getJson(): string;
  /** Loads a sheet; throws an Error with a Chinese message and `code` 'load-failed' if it
   * cannot be read. */
  setSheet(sheet: Sheet | string): void;
  report(): Report;
  loadTemplate(id: string): void;
  undo(): void;
  redo(): void;
  setCompact(on: boolean): void;
  destroy(): void;
}

/** Draws the calculator into `element`. */
export function mount(element: HTMLElement, options?: MountOptions): Controller;

/** Loads the scoring engine once, for a portal's own scripts. */
export function loadEngine(source?: WasmSource): Promise<Omit<typeof Engine, 'load'>>;

/** <jixiao-calculator template="project" compact>. */
export class JixiaoCalculator extends HTMLElement {
  /** The sheet (null before `ready`); set an object or JSON text to load one (null: nothing),
   * which fires `jixiao-change` (not when set from inside a `jixiao-change` handler). One whose
   * content is the open sheet's changes nothing and fires nothing: the caret and the undo steps
   * stay. Set before `ready`, a sheet that cannot be read is said by a `jixiao-error` event;
   * after it, the setter throws an Error in Chinese with `code` 'load-failed'. */
  get sheet(): Sheet | null;
  set sheet(value: Sheet | string | null);
  /** The whole evaluation, or null before `ready`. */
  readonly evaluation: Report | null;
  readonly ready: Promise<void>;
}

declare global {
  interface HTMLElementTagNameMap {
    'jixiao-calculator': JixiaoCalculator;
  }
  interface HTMLElementEventMap {
    'jixiao-change': CustomEvent<ChangeDetail>;
    'jixiao-ready': CustomEvent<void>;
    'jixiao-error': CustomEvent<{ message: string }>;
  }
}
