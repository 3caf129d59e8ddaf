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

  /** The stored index was damaged and has just been rebuilt: `{ workbooks, sheets, found }`
   * (what it lists now, and how many sheets and 汇总表 it no longer listed were found). */
  repaired = null;

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
    if (parsed?.version === VERSION && Array.isArray(parsed.workbooks) && wellFormed(parsed)) return parsed;
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
    // A newer version's index is left alone; a damaged one (cut short, or of the wrong shape)
    // is rebuilt from what it still says and the sheets and 汇总表 stored under their keys.
    if (raw != null && typeof parsed?.version === 'number' && parsed.version > VERSION) this.foreign = true;
    else if (raw != null) return this.#repair(raw, parsed);
    return { version: VERSION, current: null, workbooks: [] };
  }

  /**
   * The index rebuilt from a damaged one (`raw`, `parsed` if it parsed at all): the workbooks
   * and sheets it still names, then every sheet and 汇总表 stored under a key of its own that it
   * no longer does. The damaged text is kept aside (`index-damaged`) and `repaired` says what
   * was found, for the page to tell the user.
   */
  #repair(raw, parsed) {
    const text = (value, fallback) => (typeof value === 'string' && value ? value : fallback);
    const workbooks = (Array.isArray(parsed?.workbooks) ? parsed.workbooks : [])
      .filter((w) => w && typeof w === 'object' && typeof w.id === 'string' && w.id)
      .map((w) => ({
        ...w,
        name: text(w.name, '工作簿'),
        current: text(w.current, 'summary'),
        sheets: (Array.isArray(w.sheets) ? w.sheets : [])
          .filter((e) => e && typeof e === 'object' && typeof e.id === 'string' && e.id)
          .map((e) => ({ ...e, name: text(e.name, '未命名表格') })),
      }));
    const listed = new Set(workbooks.flatMap((w) => w.sheets.map((e) => e.id)));
    const orphans = [];
    const summaries = [];
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        const [prefix, kind, id] = key.split(/:(sheet|summary):/);
        if (prefix !== this.#prefix || !id) continue;
        if (kind === 'sheet' && !listed.has(id)) orphans.push(id);
        if (kind === 'summary' && !workbooks.some((w) => w.id === id)) summaries.push(id);
      }
    } catch {
      /* unavailable storage: only what the index still says */
    }
    for (const id of summaries) workbooks.push({ id, name: workbooks.length ? `找回的工作簿${workbooks.length + 1}` : '找回的工作簿', current: 'summary', sheets: [] });
    if (orphans.length) {
      const found = summaries.length === 1 ? workbooks.find((w) => w.id === summaries[0])
        : workbooks.length === 1 ? workbooks[0] : null;
      const home = found ?? { id: Store.newId('w'), name: '找回的表格', current: 'summary', sheets: [] };
      if (!found) workbooks.push(home);
      const updated = new Date().toISOString();
      for (const id of orphans) {
        let name = '未命名表格';
        try {
          const meta = JSON.parse(localStorage.getItem(this.key(`sheet:${id}`))).meta ?? {};
          name = text(meta.project, text(meta.title, text(meta.unit, name)));
        } catch {
          /* a damaged sheet keeps its tab, said when opened */
        }
        home.sheets.push({ id, name, updated });
      }
    }
    const index = {
      version: VERSION,
      current: workbooks.some((w) => w.id === parsed?.current) ? parsed.current : workbooks[0]?.id ?? null,
      workbooks,
    };
    try {
      localStorage.setItem(this.key('index-damaged'), raw);
      localStorage.setItem(this.key('index'), JSON.stringify(index));
    } catch {
      /* read-only storage: the same repair happens again next time */
    }
    this.repaired = { workbooks: workbooks.length, sheets: workbooks.reduce((n, w) => n + w.sheets.length, 0), found: orphans.length + summaries.length };
    return index;
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

  /** Deletes a workbook with its sheets and 汇总表, and what was kept for them: the 汇总表's
   * damaged text, and the edits kept after a fault for any of its tables (`recovery:<id>:…`,
   * listed or not), which nothing would ever open again. */
  removeWorkbook(id) {
    const workbook = this.workbook(id);
    try {
      for (const sheet of workbook?.sheets ?? []) localStorage.removeItem(this.key(`sheet:${sheet.id}`));
      localStorage.removeItem(this.key(`summary:${id}`));
      localStorage.removeItem(this.key(`summary-damaged:${id}`));
      const recovery = this.key(`recovery:${id}:`);
      const kept = [];
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key?.startsWith(recovery)) kept.push(key);
      }
      for (const key of kept) localStorage.removeItem(key);
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

  /** Deletes a sheet, and the edits kept for it after a fault; the workbook's current tab
   * moves to a neighbour (or the 汇总表). */
  removeSheet(workbookId, id) {
    try {
      localStorage.removeItem(this.key(`sheet:${id}`));
      localStorage.removeItem(this.key(`recovery:${workbookId}:${id}`));
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

/** Whether an index of this version has the shape the page reads: workbooks each with an id
 * and a list of sheets, each with an id. */
function wellFormed(index) {
  return index.workbooks.every((w) => w && typeof w === 'object' && typeof w.id === 'string' && typeof w.name === 'string'
    && Array.isArray(w.sheets) && w.sheets.every((e) => e && typeof e === 'object' && typeof e.id === 'string'));
}
