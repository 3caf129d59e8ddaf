// Workbooks in localStorage. An index lists the workbooks, each with its sheets ({id, name,
// updated}); every sheet is kept under a key of its own and every workbook's 汇总表 (its
// settings and the rows typed into it) under another, so a save writes only what changed.
// Every failure (storage full, disabled, private mode) is returned, never thrown, so the
// caller can warn and offer an export instead.
//
// Version 1 (before workbooks) kept one list of sheets; it becomes the first workbook, with
// the sheets left under the same keys, so nothing is copied and nothing can be lost.

const VERSION = 2;

export class Store {
  #prefix;

  /** The stored index is one this page cannot read (written by a newer version of the
   * calculator, or damaged): nothing is written, so that its workbooks are not orphaned by a
   * fresh index written over it. */
  foreign = false;

  constructor(prefix = 'jixiao') {
    this.#prefix = prefix;
  }

  /** The key in localStorage of `name` (`sheet:<id>`, `summary:<workbook id>`, `index`). */
  key(name) {
    return `${this.#prefix}:${name}`;
  }

  /** The index: `{ version, current, workbooks: [{ id, name, current, sheets }] }`. */
  index() {
    let parsed = null;
    let raw = null;
    try {
      raw = localStorage.getItem(this.key('index'));
      parsed = raw ? JSON.parse(raw) : null;
    } catch {
      /* unavailable storage: start afresh; an index that does not parse is foreign, below */
    }
    if (parsed?.version === VERSION && Array.isArray(parsed.workbooks)) return parsed;
    if (parsed && Array.isArray(parsed.sheets)) {
      // Version 1: its sheets become the first workbook.
      const id = Store.newId('w');
      const migrated = {
        version: VERSION,
        current: id,
        workbooks: [{ id, name: '我的工作簿', current: parsed.current ?? parsed.sheets[0]?.id ?? 'summary', sheets: parsed.sheets }],
      };
      try {
        localStorage.setItem(this.key('index'), JSON.stringify(migrated));
      } catch {
        /* read-only storage: the same migration happens again next time */
      }
      return migrated;
    }
    if (raw != null) this.foreign = true;
    return { version: VERSION, current: null, workbooks: [] };
  }

  #update(change) {
    if (this.foreign) return new Error('foreign index');
    try {
      const index = this.index();
      const result = change(index);
      localStorage.setItem(this.key('index'), JSON.stringify(index));
      return result ?? null;
    } catch (error) {
      return error;
    }
  }

  workbook(id) {
    return this.index().workbooks.find((w) => w.id === id) ?? null;
  }

  /** Writes one key; returns null or the error (storage full, disabled). */
  #write(key, text) {
    if (this.foreign) return new Error('foreign index');
    try {
      localStorage.setItem(this.key(key), text);
      return null;
    } catch (error) {
      return error;
    }
  }

  #read(key) {
    try {
      return localStorage.getItem(this.key(key));
    } catch {
      return null;
    }
  }

  /** A sheet's JSON text, or null. */
  loadSheet(id) {
    return this.#read(`sheet:${id}`);
  }

  /** A workbook's 汇总表 (JSON text of a summary sheet with the typed rows), or null. */
  loadSummary(workbookId) {
    return this.#read(`summary:${workbookId}`);
  }

  /** Creates a workbook (made current); returns its id, or the error. */
  createWorkbook(name) {
    const id = Store.newId('w');
    const error = this.#update((index) => {
      index.workbooks.push({ id, name, current: 'summary', sheets: [] });
      index.current = id;
    });
    return error ?? id;
  }

  renameWorkbook(id, name) {
    return this.#update((index) => {
      const workbook = index.workbooks.find((w) => w.id === id);
      if (workbook) workbook.name = name;
    });
  }

  /** Deletes a workbook with its sheets and 汇总表. */
  removeWorkbook(id) {
    const workbook = this.workbook(id);
    try {
      for (const sheet of workbook?.sheets ?? []) localStorage.removeItem(this.key(`sheet:${sheet.id}`));
      localStorage.removeItem(this.key(`summary:${id}`));
      localStorage.removeItem(this.key(`summary-damaged:${id}`));
    } catch {
      /* the index below still forgets it */
    }
    return this.#update((index) => {
      index.workbooks = index.workbooks.filter((w) => w.id !== id);
      if (index.current === id) index.current = index.workbooks[0]?.id ?? null;
    });
  }

  /** Makes a workbook current, and within it a sheet (or 'summary' for its 汇总表). */
  select(workbookId, sheetId) {
    this.#update((index) => {
      const workbook = index.workbooks.find((w) => w.id === workbookId);
      // A workbook deleted (in another window) is never the one to open next time.
      if (!workbook) return;
      index.current = workbookId;
      if (sheetId) workbook.current = sheetId;
    });
  }

  /** Saves a sheet's JSON under its id, in a workbook, with its name; returns null or the error. */
  saveSheet(workbookId, id, name, json) {
    // A workbook deleted (in another window): its sheet would be stored where no tab lists it.
    if (!this.workbook(workbookId)) return new Error('no such workbook');
    const error = this.#write(`sheet:${id}`, json);
    if (error) return error;
    return this.#update((index) => {
      const workbook = index.workbooks.find((w) => w.id === workbookId);
      if (!workbook) return;
      const entry = workbook.sheets.find((s) => s.id === id);
      const updated = new Date().toISOString();
      if (entry) Object.assign(entry, { name, updated });
      else workbook.sheets.push({ id, name, updated });
    });
  }

  /** Saves a workbook's 汇总表 (its settings and typed rows). */
  saveSummary(workbookId, json) {
    // A workbook deleted (in another window): its 汇总表 would be stored where nothing lists it.
    if (!this.workbook(workbookId)) return new Error('no such workbook');
    return this.#write(`summary:${workbookId}`, json);
  }

  /** A workbook's 汇总表 text that could not be read, kept aside (`summary-damaged:<id>`)
   * before a new one is saved in its place; returns null or the error. */
  keepDamagedSummary(workbookId, text) {
    return this.#write(`summary-damaged:${workbookId}`, text);
  }

  /** The damaged 汇总表 text kept aside for a workbook, or null. */
  damagedSummary(workbookId) {
    return this.#read(`summary-damaged:${workbookId}`);
  }

  /** Forgets the damaged 汇总表 text kept aside (the user chose to). */
  dropDamagedSummary(workbookId) {
    try {
      localStorage.removeItem(this.key(`summary-damaged:${workbookId}`));
    } catch {
      /* unavailable storage: nothing to forget */
    }
  }

  /**
   * After the engine stopped on a fault: `{ workbookId, sheetId, edits }`, the edits made
   * since the last save, for the next load to replay. Kept under a key of the table's own (a
   * window that reloads on another table leaves it alone), and the table is noted for this
   * window (its session): reloaded, it reopens that table even when another window has since
   * opened another. Returns null or the error.
   */
  saveRecovery(entry) {
    const error = this.#write(`recovery:${entry.workbookId}:${entry.sheetId}`, JSON.stringify(entry));
    if (error) return error;
    try {
      sessionStorage.setItem(this.key('reopen'), JSON.stringify({ workbookId: entry.workbookId, sheetId: entry.sheetId }));
    } catch {
      /* no session storage: the reload opens the table the index names */
    }
    return null;
  }

  /** The table this window was on when the engine stopped (`{ workbookId, sheetId }`), once. */
  takeReopen() {
    try {
      const raw = sessionStorage.getItem(this.key('reopen'));
      sessionStorage.removeItem(this.key('reopen'));
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }

  /** The recovery entry of the table `workbookId`, `sheetId`, removed as it is read (a replay
   * that faults again is not looped); another table's is left for the window that opens it. */
  takeRecovery(workbookId, sheetId) {
    const key = `recovery:${workbookId}:${sheetId}`;
    const raw = this.#read(key);
    if (!raw) return null;
    try {
      localStorage.removeItem(this.key(key));
      return JSON.parse(raw);
    } catch {
      return null;
    }
  }

  /** Names a sheet by hand: from now on its name no longer follows its project's. */
  renameSheet(workbookId, id, name) {
    return this.#update((index) => {
      const entry = index.workbooks.find((w) => w.id === workbookId)?.sheets.find((s) => s.id === id);
      if (entry) Object.assign(entry, { name, named: true });
    });
  }

  /** Deletes a sheet; the workbook's current tab moves to a neighbour (or the 汇总表). */
  removeSheet(workbookId, id) {
    try {
      localStorage.removeItem(this.key(`sheet:${id}`));
    } catch {
      /* the index below still forgets it */
    }
    return this.#update((index) => {
      const workbook = index.workbooks.find((w) => w.id === workbookId);
      if (!workbook) return;
      const at = workbook.sheets.findIndex((s) => s.id === id);
      workbook.sheets = workbook.sheets.filter((s) => s.id !== id);
      if (workbook.current === id) workbook.current = workbook.sheets[Math.max(0, at - 1)]?.id ?? 'summary';
    });
  }

  static newId(prefix = 's') {
    return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  }
}
