/* sync.js — two tabs of the page: each sees the other's saves (storage events) and merges them per input, asking in the page when both changed the same one. */
(function (WH) {
  'use strict';

  var $ = WH.$, show = WH.show, clone = WH.clone;

  // The inputs merged between tabs, with the words the page uses for them. The
  // view (chosen park, sort order) stays each tab's own.
  var FIELDS = {
    data: '园区指标表',
    dataForm: '',
    example: '',
    parkName: '园区名称',
    periodMode: '统计期',
    year: '统计期',
    month: '统计期',
    splits: '分解表',
    byDays: '设置',
    slightPp: '设置',
    splitTolPct: '设置',
    scheme: '评价方案',
    schemeLabel: '',
    schemeText: '粘贴的方案'
  };
  // A tiny key written after every save, so a save checks for another tab's newer
  // save without parsing the whole saved state.
  var STAMP_KEY = 'wuhao.page.stamp';

  // The saved state this tab last loaded, wrote or merged: what "changed here" is measured against.
  var base = null;
  var baseSaved = 0;
  // Inputs both tabs changed, waiting for the user's choice: { theirs, keys }.
  var pending = null;

  function json(v) {
    return JSON.stringify(v === undefined ? null : v);
  }

  /** Merges another tab's saved state into this one: its changes are taken where this tab did not change the same input. */
  function merge(theirs, saved) {
    var mine = WH.state;
    var adopted = [];
    var conflicts = pending ? pending.keys.slice() : [];
    var ref = base || WH.freshState();
    Object.keys(FIELDS).forEach(function (k) {
      var b = json(ref[k]), m = json(mine[k]), t = json(theirs[k]);
      if (t === b || t === m) return;
      if (m === b) {
        mine[k] = clone(theirs[k]);
        adopted.push(k);
      } else if (conflicts.indexOf(k) < 0) {
        conflicts.push(k);
      }
    });
    base = clone(theirs);
    baseSaved = saved;
    pending = conflicts.length ? { theirs: theirs, keys: conflicts } : null;
    showPending();
    if (adopted.length) {
      WH.syncInputs();
      if (adopted.indexOf('scheme') >= 0) WH.showSchemePanel();
      WH.changed(true);
      WH.say('已合并另一个标签页保存的修改：' + labels(adopted) + '。');
    }
  }

  function labels(keys) {
    var out = [];
    keys.forEach(function (k) {
      var w = FIELDS[k];
      if (w && out.indexOf(w) < 0) out.push(w);
    });
    return out.join('、');
  }

  function showPending() {
    show($('sync-note'), !!pending);
    if (pending) {
      $('sync-text').textContent = '另一个标签页也修改并保存了：' + labels(pending.keys) +
        '。本页的修改尚未保存，以免覆盖另一页的内容。请选择保留哪一份：';
    }
  }

  function readEnv(text) {
    try {
      return WH.migrate(JSON.parse(text));
    } catch (e) {
      return null;
    }
  }

  /** Called by saveState before it writes: false holds the save back while the user is asked. */
  function beforeSave() {
    if (pending) return false;
    var stamp = WH.readStored(STAMP_KEY);
    if (stamp && stamp.tab !== WH.TAB && Number(stamp.saved) !== baseSaved) {
      var env = WH.loadSaved();
      if (env && env.tab !== WH.TAB) merge(WH.sanitizeState(env.state), env.saved);
    }
    return !pending;
  }

  function afterSave(env) {
    base = clone(WH.state);
    baseSaved = env.saved;
    WH.writeStored(STAMP_KEY, { saved: env.saved, tab: WH.TAB });
  }

  function syncStart(saved) {
    base = saved ? WH.sanitizeState(saved.state) : null;
    baseSaved = saved ? saved.saved : 0;
  }

  function choose(theirs) {
    var p = pending;
    pending = null;
    showPending();
    if (!p) return;
    if (theirs) {
      p.keys.forEach(function (k) {
        WH.state[k] = clone(p.theirs[k]);
      });
      WH.syncInputs();
      WH.showSchemePanel();
    }
    WH.changed(true);
  }

  window.addEventListener('storage', function (e) {
    if (e.key !== WH.STORE_KEY || !e.newValue) return;
    var env = readEnv(e.newValue);
    if (!env || env.tab === WH.TAB || env.saved === baseSaved) return;
    merge(WH.sanitizeState(env.state), env.saved);
  });

  function bindSync() {
    $('btn-sync-theirs').addEventListener('click', function () {
      choose(true);
    });
    $('btn-sync-mine').addEventListener('click', function () {
      choose(false);
    });
  }

  WH.beforeSave = beforeSave;
  WH.afterSave = afterSave;
  WH.syncStart = syncStart;
  WH.bindSync = bindSync;
})(window.WH);
