/* state.js — the page state, its storage in localStorage, and the status line. */
(function (WH) {
  'use strict';

  var $ = WH.$;

  var STORE_KEY = 'wuhao.page.v1';
  var UNDO_KEY = 'wuhao.page.undo.v1';
  // Inputs above this many characters are computed behind the busy sign.
  var BIG_INPUT = 200000;

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
      dataNotSaved: 0,
      // How the park paste came: { form: 'html' | 'text', merged, precise } (clipboardText).
      dataForm: null
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

  /**
   * Saves the state. A paste too large for the browser's store is left out, and
   * the rest (settings, scheme, splits) is still saved, so a reload does not
   * bring back an older paste silently; it says the large one was not kept.
   */
  function saveState() {
    var state = WH.state;
    if (writeStored(STORE_KEY, state)) return;
    var slim = Object.assign({}, state, { data: '', dataNotSaved: state.data.length });
    if (!writeStored(STORE_KEY, slim)) slim.splits = [''];
    if (!writeStored(STORE_KEY, slim)) writeStored(STORE_KEY, null);
    say('粘贴的内容超出浏览器本地存储空间，关闭页面后不会保留（内容仍在页面上）。', true);
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
