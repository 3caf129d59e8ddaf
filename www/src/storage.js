// Named sheets in localStorage: an index of {id, name, updated} and one key per sheet, so a
// save writes only the sheet that changed. Every failure (storage full, disabled, private
// mode) is returned, never thrown, so the caller can warn and offer an export instead.

export class Store {
  #prefix;

  constructor(prefix = 'jixiao') {
    this.#prefix = prefix;
  }

  #key(name) {
    return `${this.#prefix}:${name}`;
  }

  index() {
    try {
      const raw = localStorage.getItem(this.#key('index'));
      const parsed = raw ? JSON.parse(raw) : null;
      if (parsed && Array.isArray(parsed.sheets)) return parsed;
    } catch {
      /* unreadable or unavailable storage: start afresh */
    }
    return { current: null, sheets: [] };
  }

  #writeIndex(index) {
    localStorage.setItem(this.#key('index'), JSON.stringify(index));
  }

  load(id) {
    try {
      return localStorage.getItem(this.#key(`sheet:${id}`));
    } catch {
      return null;
    }
  }

  /** Saves a sheet's JSON under its id and name; returns null or the error. */
  save(id, name, json) {
    try {
      localStorage.setItem(this.#key(`sheet:${id}`), json);
      const index = this.index();
      const entry = index.sheets.find((s) => s.id === id);
      const updated = new Date().toISOString();
      if (entry) Object.assign(entry, { name, updated });
      else index.sheets.push({ id, name, updated });
      index.current = id;
      this.#writeIndex(index);
      return null;
    } catch (error) {
      return error;
    }
  }

  select(id) {
    try {
      const index = this.index();
      index.current = id;
      this.#writeIndex(index);
    } catch {
      /* selection is a convenience; the sheet itself is saved */
    }
  }

  rename(id, name) {
    try {
      const index = this.index();
      const entry = index.sheets.find((s) => s.id === id);
      if (entry) entry.name = name;
      this.#writeIndex(index);
      return null;
    } catch (error) {
      return error;
    }
  }

  remove(id) {
    try {
      localStorage.removeItem(this.#key(`sheet:${id}`));
      const index = this.index();
      index.sheets = index.sheets.filter((s) => s.id !== id);
      if (index.current === id) index.current = index.sheets[0]?.id ?? null;
      this.#writeIndex(index);
    } catch {
      /* nothing more to do */
    }
  }

  static newId() {
    return `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  }
}
