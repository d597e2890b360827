/* state.js — the page state, its storage in localStorage, and the status line. */
(function (WH) {
  'use strict';

  var $ = WH.$, show = WH.show;

  // The saved page: { version, saved (ms), tab, state }. Older versions are migrated, never discarded.
  var STORE_KEY = 'wuhao.page';
  var VERSION = 2;
  // Version 1 kept the bare state under this key.
  var LEGACY_KEY = 'wuhao.page.v1';
  // The undo copy of the inputs before a replacing action: { version, label, state }.
  var UNDO_KEY = 'wuhao.page.undo';
  var LEGACY_UNDO_KEY = 'wuhao.page.undo.v1';
  // A small flag left when a save did not fit: { when, chars, kept }.
  var UNSAVED_KEY = 'wuhao.page.unsaved';
  // This tab's id, so a tab can tell its own saves from another tab's.
  var TAB = String(Date.now()) + '-' + String(Math.random()).slice(2, 10);
  // Inputs above this many characters are computed behind the busy sign.
  var BIG_INPUT = 200000;
  var STORE_MAX_CHARS = 6000000;

  /* ---------- page state and persistence ---------- */

  function freshState() {
    var d = new Date();
    return {
      data: '',
      parkName: '',
      periodMode: 'auto',
      year: d.getFullYear(),
      month: d.getMonth() + 1,
      splits: [''],
      byDays: false,
      slightPp: 5,
      splitTolPct: 0.5,
      scheme: null,
      schemeLabel: '',
      schemeText: '',
      example: false,
      parkIndex: 0,
      sortKey: 'gap_pp',
      sortDir: 1,
      // How the park paste came: { form: 'html' | 'text', merged, precise } (clipboardText).
      dataForm: null,
      // The user's corrections of the reading, for the paste they were made on (read-fix.js).
      readFix: null,
      // The what-if (whatif.js): { park, values: { name: { value?, target? } } }, 全年预计, and the 提分空间 print page.
      whatIf: { park: '', values: {} },
      projected: false,
      printReach: false
    };
  }

  // The one page state, WH.state: inputs, scheme and settings, saved to localStorage.
  // Event handlers and the controller write it; renderers only read a view of it.
  WH.state = freshState();
  var storage = openStorage();

  /** localStorage, or null where the browser refuses it for file:// pages. */
  function openStorage() {
    try {
      var ls = window.localStorage;
      ls.setItem('wuhao.probe', '1');
      ls.removeItem('wuhao.probe');
      return ls;
    } catch (e) {
      return null;
    }
  }

  function readStored(key) {
    if (!storage) return null;
    try {
      var raw = storage.getItem(key);
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return null;
    }
  }

  function writeStored(key, value) {
    if (!storage) return true;
    try {
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  /** Takes only known keys of the right type, so a damaged store cannot break the page. */
  function sanitizeState(saved) {
    var st = freshState();
    if (!saved || typeof saved !== 'object') return st;
    Object.keys(st).forEach(function (k) {
      var v = saved[k];
      if (k === 'scheme') {
        if (v && typeof v === 'object') st.scheme = v;
      } else if (k === 'splits') {
        if (Array.isArray(v)) {
          st.splits = v.filter(function (x) {
            return typeof x === 'string';
          });
          if (!st.splits.length) st.splits = [''];
        }
      } else if (v !== undefined && v !== null && typeof v === typeof st[k]) {
        st[k] = v;
      }
    });
    return st;
  }

  function putText(key, text) {
    if (!storage) return true;
    try {
      storage.setItem(key, text);
      return true;
    } catch (e) {
      return false;
    }
  }

  /** Brings a saved envelope (or a version-1 bare state) to the current version. */
  function migrate(env) {
    if (!env || typeof env !== 'object') return null;
    if (!('state' in env) || !('version' in env)) {
      // Version 1: the bare state object.
      return { version: VERSION, saved: 0, tab: '', state: env };
    }
    // Version 2 is current; a newer page's save keeps the fields this page knows.
    return { version: VERSION, saved: Number(env.saved) || 0, tab: String(env.tab || ''), state: env.state };
  }

  /** The saved page, migrated, or null when nothing was saved. */
  function loadSaved() {
    return migrate(readStored(STORE_KEY)) || migrate(readStored(LEGACY_KEY));
  }

  /** The saved undo copy { label, state }, migrated, or null. */
  function loadUndo() {
    var u = readStored(UNDO_KEY);
    if (u && typeof u === 'object' && u.state && typeof u.state === 'object') return { label: String(u.label || '清空输入'), state: u.state };
    var old = readStored(LEGACY_UNDO_KEY);
    return old && typeof old === 'object' ? { label: '清空输入', state: old } : null;
  }

  /** Stores the undo copy if it fits; it never pushes out the inputs (saveState drops it first). */
  function storeUndo(label, state) {
    writeStored(LEGACY_UNDO_KEY, null);
    if (state === null) return writeStored(UNDO_KEY, null);
    if (!writeStored(UNDO_KEY, { version: VERSION, label: label, state: state })) {
      writeStored(UNDO_KEY, null);
      return false;
    }
    return true;
  }

  var lastSaved = 0;
  var NO_FLAG = JSON.stringify({ when: 0, chars: 0, kept: 0, room: '                                                  ' });

  /**
   * Saves the state. A save that does not fit first drops the stored undo copy
   * (the undo still works from memory until the page closes); if it still does
   * not fit, the last good saved state is kept as it is, and a small flag says
   * newer work was not kept, now and after a reload.
   */
  function saveState() {
    if (WH.beforeSave && WH.beforeSave() === false) return false;
    var env = { version: VERSION, saved: Math.max(Date.now(), lastSaved + 1), tab: TAB, state: WH.state };
    // Inputs longer than any browser's store (about 5 M characters) cannot fit:
    // writing their JSON (a quarter second for 10 MB) would only be refused.
    var size = WH.state.splits.reduce(function (n, t) { return n + t.length; }, WH.state.data.length);
    var text = size > STORE_MAX_CHARS ? null : JSON.stringify(env);
    var ok = text !== null && putText(STORE_KEY, text);
    if (!ok && text !== null && (readStored(UNDO_KEY) || readStored(LEGACY_UNDO_KEY))) {
      writeStored(UNDO_KEY, null);
      writeStored(LEGACY_UNDO_KEY, null);
      ok = putText(STORE_KEY, text);
    }
    if (ok) {
      lastSaved = env.saved;
      if (storage && storage.getItem(LEGACY_KEY) !== null) writeStored(LEGACY_KEY, null);
      // The flag's room stays reserved, so that a flag fits even in a full store.
      putText(UNSAVED_KEY, NO_FLAG);
      if (WH.afterSave) WH.afterSave(env);
      if (saveNoteMode === 'now') saveNote(null);
      return true;
    }
    var kept = loadSaved();
    var flag = { when: Date.now(), chars: text === null ? size : text.length, kept: kept ? kept.saved : 0 };
    if (!writeStored(UNSAVED_KEY, flag)) {
      // No room even for the flag: give up the undo copy for it.
      writeStored(UNDO_KEY, null);
      writeStored(UNSAVED_KEY, flag);
    }
    saveNote(flag, 'now');
    return false;
  }

  /* ---------- the save note: newer work that was not kept ---------- */

  var saveNoteMode = '';

  function clock(ms) {
    if (!ms) return '';
    var d = new Date(ms);
    var p = function (n) {
      return (n < 10 ? '0' : '') + n;
    };
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
  }

  /** Shows (flag) or hides (null) the note; mode 'now' for this page's save, 'reload' for a previous visit's. */
  function saveNote(flag, mode) {
    var el = $('save-note');
    if (!el) return;
    saveNoteMode = flag ? mode : '';
    show(el, !!flag);
    if (!flag) return;
    var keptText = flag.kept ? '本机保存的仍是 ' + clock(flag.kept) + ' 的内容' : '本机没有更早的保存';
    var how = '要保留现在的内容，请点“保存工作”存为文件，或删去不需要的大表格。';
    $('save-note-text').textContent = mode === 'now'
      ? '最新的输入过大（' + flag.chars + ' 字符），超出浏览器本地存储空间，未能保存；' + keptText + '。' + how
      : '上次（' + clock(flag.when) + '）的输入过大（' + flag.chars + ' 字符），未能保存在本机；现在显示的是' +
        (flag.kept ? ' ' + clock(flag.kept) + ' 保存的内容' : '初始内容') + '。' + how;
  }

  /** At start: the flag a previous visit left, shown until dismissed. */
  function showUnsavedFlag() {
    var flag = readStored(UNSAVED_KEY);
    if (flag && typeof flag === 'object' && flag.when) saveNote({ when: Number(flag.when) || 0, chars: Number(flag.chars) || 0, kept: Number(flag.kept) || 0 }, 'reload');
  }

  /* ---------- status line ---------- */

  var sayTimer = null;

  function say(text, bad) {
    var el = $('status');
    el.textContent = text;
    el.className = bad ? 'bad' : '';
    clearTimeout(sayTimer);
    sayTimer = setTimeout(function () {
      el.textContent = '';
    }, 8000);
  }

  WH.STORE_KEY = STORE_KEY;
  WH.UNDO_KEY = UNDO_KEY;
  WH.TAB = TAB;
  WH.migrate = migrate;
  WH.loadSaved = loadSaved;
  WH.loadUndo = loadUndo;
  WH.storeUndo = storeUndo;
  WH.saveNote = saveNote;
  WH.showUnsavedFlag = showUnsavedFlag;
  WH.BIG_INPUT = BIG_INPUT;
  WH.freshState = freshState;
  WH.readStored = readStored;
  WH.writeStored = writeStored;
  WH.sanitizeState = sanitizeState;
  WH.saveState = saveState;
  WH.say = say;
  /** True when the browser lets this page keep data (some refuse it for file:// pages). */
  WH.canStore = function () {
    return !!storage;
  };
})(window.WH);
