/* tables.js — renders the result tables the core lays out (report.tables), each with its 复制此表 button. */
(function (WH) {
  'use strict';

  var append = WH.append, h = WH.h;

  /* ---------- the core's table layout, rendered ---------- */

  // The core lays every result table out once (src/export.rs): caption, headers with
  // their units, rows in order with every cell's printed text, subtotal and total
  // rows. The page shows exactly those texts and adds only presentation: classes,
  // a status badge, the 缺数据 tag, the user's sort, and the copy button, whose copy
  // is the same layout written by the core (export.js). No figure is made here.

  /** The table with `key` in the report ("breakdown:0", "ranking" …), or null. */
  function tableOf(report, key) {
    var list = (report && report.tables) || [];
    for (var i = 0; i < list.length; i++) if (list[i].key === key) return list[i];
    return null;
  }

  // Column keys that get a class of their own (widths, wrapping).
  var COL_CLASS = { dim: 'dim', name: 'name', part: 'name', park: 'name', unit: 'nowrap', grade: 'nowrap', group: 'nowrap', status: 'nowrap', check: 'nowrap', what: 'nowrap', explain: 'explain', note: 'note' };

  /** The cell's content: its text, decorated by what the column and the row are. */
  function cellContent(text, col, row) {
    if (!text) return '';
    var st = row.status;
    if (col.key === 'status' && st) return h('span', { 'class': 'status st-' + st, text: text });
    if (col.key === 'check' && st) return h('span', { 'class': 'check ' + st, text: text });
    if (col.key === 'veto') return h('span', { 'class': 'veto', text: text });
    if (/(^| )missing( |$)/.test(row['class'] || '') && text.indexOf('缺数据') === 0) {
      // The tag is the same text, boxed: what is copied is what is shown.
      return [h('span', { 'class': 'missing-tag', text: '缺数据' }), text.slice(3)];
    }
    return text;
  }

  /**
   * A <table> for a laid-out table `t`.
   * opts: { id, cls, order: row indices to show (default all, in order),
   *         rowClass(row, index) extra classes, foot: trailing subtotal/total rows go
   *         in <tfoot>, sort: { keys: {columnKey: true}, key, dir, onSort(key) } }.
   */
  function layoutTable(t, opts) {
    opts = opts || {};
    var table = h('table', { id: opts.id, 'class': 'data ' + (opts.cls || ''), attrs: { 'data-key': t.key } });
    table.appendChild(h('caption', { 'class': 'tcap', text: t.caption }));
    var tr = h('tr');
    t.columns.forEach(function (col) {
      tr.appendChild(headCell(col, opts.sort));
    });
    table.appendChild(h('thead', null, tr));
    var order = opts.order || t.rows.map(function (r, i) {
      return i;
    });
    // Trailing subtotal and total rows (合计, 总分) may sit in the foot, below the body.
    var footFrom = order.length;
    if (opts.foot) {
      while (footFrom > 0 && /(^| )(subtotal|total)( |$)/.test(t.rows[order[footFrom - 1]]['class'] || '')) footFrom--;
    }
    var body = h('tbody');
    var foot = h('tfoot');
    var tpl = rowTemplate(t.columns);
    order.forEach(function (k, n) {
      var row = t.rows[k];
      if (!row) return;
      (n < footFrom ? body : foot).appendChild(bodyRow(row, k, t.columns, opts, tpl));
    });
    table.appendChild(body);
    if (foot.firstChild) table.appendChild(foot);
    // What patchTable compares before reusing this table.
    table.__head = headOf(t, opts);
    table.__onSort = opts.sort && opts.sort.onSort;
    return table;
  }

  /** The header as drawn: the columns and, for a sortable table, the sort shown. */
  function headOf(t, opts) {
    var sort = opts.sort;
    return JSON.stringify([t.columns, sort ? [sort.key, sort.dir, Object.keys(sort.keys)] : null]);
  }

  function headCell(col, sort) {
    var th = h('th', { 'class': col.num ? 'num' : '', attrs: { scope: 'col' } }, [col.label]);
    if (col.unit) th.appendChild(h('span', { 'class': 'unit', text: '(' + col.unit + ')' }));
    if (sort && sort.keys[col.key]) {
      var dir = sort.key === col.key ? sort.dir : 0;
      th.className += ' sortable';
      th.setAttribute('tabindex', '0');
      th.setAttribute('aria-sort', dir ? (dir > 0 ? 'ascending' : 'descending') : 'none');
      // The arrow is drawn by CSS (::after), so the header's text stays the copied one.
      if (dir) th.className += dir > 0 ? ' sorted-up' : ' sorted-down';
      th.addEventListener('click', function () {
        sort.onSort(col.key);
      });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          sort.onSort(col.key);
        }
      });
    }
    return th;
  }

  function rowClassOf(row, k, opts) {
    return ((row['class'] || '') + (row.status ? ' st-' + row.status : '') + (opts.rowClass ? ' ' + opts.rowClass(row, k) : '')).trim();
  }

  /** A row of empty cells with each column's classes, cloned for every row of a table. */
  function rowTemplate(columns) {
    var tr = document.createElement('tr');
    columns.forEach(function (col) {
      tr.appendChild(h('td', { 'class': ((col.num ? 'num ' : '') + (COL_CLASS[col.key] || '')).trim() }));
    });
    return tr;
  }

  function bodyRow(row, k, columns, opts, tpl) {
    var cls = rowClassOf(row, k, opts);
    var tr;
    if (tpl && row.cells.length === columns.length) {
      // One clone per row instead of a createElement and a class per cell: a
      // province's ranking has 1,650 cells.
      tr = tpl.cloneNode(true);
      if (cls) tr.className = cls;
      var td = tr.firstChild;
      row.cells.forEach(function (text, c) {
        append(td, cellContent(text, columns[c], row));
        td = td.nextSibling;
      });
    } else {
      tr = h('tr', { 'class': cls });
      row.cells.forEach(function (text, c) {
        var col = columns[c] || {};
        var cell = h('td', { 'class': ((col.num ? 'num ' : '') + (COL_CLASS[col.key] || '')).trim() });
        append(cell, cellContent(text, col, row));
        tr.appendChild(cell);
      });
    }
    if (row.link) tr.setAttribute('data-link', row.link);
    tr.__cells = row.cells;
    return tr;
  }

  /**
   * Brings `old`, a table layoutTable made, up to date with `t` in place, when it
   * has the same key, the same columns and as many rows: only the texts and
   * classes that changed are touched, so a re-paste of a province (150 rows)
   * neither tears down nor rebuilds a thousand cells, and the browser lays out
   * only what changed. Returns `old`, or null when it must be built anew.
   * Tables with a sort (clickable headers) are always built anew.
   */
  function patchTable(old, t, opts) {
    opts = opts || {};
    if (!old || old.tagName !== 'TABLE' || old.getAttribute('data-key') !== t.key) return null;
    if (old.__head !== headOf(t, opts) || old.__onSort !== (opts.sort && opts.sort.onSort) || !old.tBodies[0]) return null;
    var order = opts.order || t.rows.map(function (r, i) {
      return i;
    });
    var footFrom = order.length;
    if (opts.foot) {
      while (footFrom > 0 && /(^| )(subtotal|total)( |$)/.test(t.rows[order[footFrom - 1]]['class'] || '')) footFrom--;
    }
    var bodyRows = old.tBodies[0].rows;
    var footRows = old.tFoot ? old.tFoot.rows : [];
    var wanted = order.filter(function (k) {
      return !!t.rows[k];
    });
    if (wanted.length !== order.length || bodyRows.length !== footFrom || footRows.length !== order.length - footFrom) return null;
    if (old.caption && old.caption.textContent !== t.caption) old.caption.textContent = t.caption;
    // Columns whose cells may be decorated (a veto badge, the 缺数据 tag) are
    // always redrawn; the others only when their text changed.
    var decorated = {};
    t.columns.forEach(function (col, c) {
      if (col.key === 'veto' || col.key === 'status' || col.key === 'check') decorated[c] = true;
    });
    var missingRow = function (row) {
      return /(^| )missing( |$)/.test(row['class'] || '');
    };
    order.forEach(function (k, n) {
      var row = t.rows[k];
      var tr = n < footFrom ? bodyRows[n] : footRows[n - footFrom];
      var cls = rowClassOf(row, k, opts);
      if (tr.className !== cls) {
        if (cls) tr.className = cls;
        else tr.removeAttribute('class');
      }
      if (row.link) {
        if (tr.getAttribute('data-link') !== row.link) tr.setAttribute('data-link', row.link);
      } else if (tr.hasAttribute('data-link')) tr.removeAttribute('data-link');
      // The texts the row shows are kept on it: comparing with them is cheaper than
      // reading every cell's text back from the DOM.
      var was = tr.__cells || [];
      var tds = tr.cells;
      var tagged = missingRow(row);
      for (var c = 0; c < row.cells.length; c++) {
        var text = row.cells[c];
        var td = tds[c];
        if (!td) continue;
        var only = td.firstChild;
        // A cell holding more than its text (a mark added after rendering) is redrawn.
        var plain = !only || (only.nodeType === 3 && !only.nextSibling);
        if (was[c] === text && plain && !decorated[c] && !tagged) continue;
        var content = cellContent(text, t.columns[c] || {}, row);
        if (typeof content === 'string' && plain && only) {
          if (was[c] !== text) only.data = content;
        } else if (typeof content === 'string' && plain) {
          if (content) td.textContent = content;
        } else {
          td.textContent = '';
          append(td, content);
        }
      }
      tr.__cells = row.cells;
    });
    return old;
  }

  /* ---------- sorting a laid-out table by a column (presentation only) ---------- */

  var STATUS_ORDER = { far: 0, slight: 1, ahead: 2, missing: 3 };

  /**
   * Row indices of `t` sorted by the column `key` in direction `dir` (1 or -1): text
   * columns by Chinese collation, the status by severity, the rest by their printed
   * figures; a blank sorts last whichever way, ties keep the laid-out order.
   */
  function sortedOrder(t, key, dir) {
    var c = -1;
    t.columns.forEach(function (col, i) {
      if (col.key === key) c = i;
    });
    var idx = t.rows.map(function (r, i) {
      return i;
    });
    if (c < 0 || !dir) return idx;
    var col = t.columns[c];
    var val = function (i) {
      var row = t.rows[i];
      if (key === 'status') return STATUS_ORDER[row.status];
      if (!col.num) return row.cells[c];
      var v = parseFloat(row.cells[c]);
      return isFinite(v) ? v : undefined;
    };
    return idx.sort(function (a, b) {
      var va = val(a);
      var vb = val(b);
      if (!col.num && key !== 'status') return dir * String(va).localeCompare(String(vb), 'zh-CN') || a - b;
      var ma = va === undefined;
      var mb = vb === undefined;
      if (ma || mb) return ma === mb ? a - b : ma ? 1 : -1;
      return dir * (va - vb) || a - b;
    });
  }

  /* ---------- generic table (scheme panel, read report) ---------- */

  /**
   * spec: { id, cls, columns: [{label, unit, num}], rows: [{cells, cls}] }. Cells are
   * strings, numbers or nodes. For tables that are not results (the scheme, the reading).
   */
  function makeTable(spec) {
    var table = h('table', { id: spec.id, 'class': 'data ' + (spec.cls || '') });
    var tr = h('tr');
    spec.columns.forEach(function (col) {
      var th = h('th', { 'class': col.num ? 'num' : '', attrs: { scope: 'col' } }, [col.label]);
      if (col.unit) th.appendChild(h('span', { 'class': 'unit', text: '（' + col.unit + '）' }));
      tr.appendChild(th);
    });
    table.appendChild(h('thead', null, tr));
    table.appendChild(h('tbody', null, spec.rows.map(function (row) {
      var r = h('tr', { 'class': row.cls || '' });
      row.cells.forEach(function (cell, i) {
        var col = spec.columns[i] || {};
        r.appendChild(append(h('td', { 'class': (col.num ? 'num' : '') + (col.cls ? ' ' + col.cls : '') }), cell === null || cell === undefined ? '' : cell));
      });
      return r;
    })));
    return table;
  }

  /**
   * A table with its copy button. `key` names the core's table (its copy is the core's
   * TSV of that layout); `order`, the row indices shown, when the user sorted it.
   */
  function tableBlock(table, key, order) {
    return h('div', { 'class': 'tableblock' }, [h('div', { 'class': 'tablewrap' }, table), copyButton(table, key, order)]);
  }

  function copyButton(table, key, order) {
    return h('button', {
      'class': 'copy no-print',
      text: '复制此表',
      attrs: { type: 'button', 'data-key': key || '' },
      on: {
        click: function () {
          WH.copyTable(key, table, order);
        }
      }
    });
  }

  /**
   * Shows laid-out table `t` in `box` as its one block: the table already there is
   * updated in place when patchTable can, else the box gets a new block.
   * Returns the table shown.
   */
  function placeTable(box, t, opts, key, order) {
    var block = box.firstElementChild;
    var old = block && !block.nextElementSibling && block.className === 'tableblock' ? block.querySelector('table') : null;
    var patched = old && old.id === (opts.id || '') ? patchTable(old, t, opts) : null;
    if (patched) {
      refreshBlock(block, patched, key, order);
      return patched;
    }
    var table = layoutTable(t, opts);
    WH.clear(box).appendChild(tableBlock(table, key, order));
    return table;
  }

  /** The block around a table patched in place gets a copy button for its new rows. */
  function refreshBlock(block, table, key, order) {
    var old = block.querySelector('button.copy');
    var btn = copyButton(table, key, order);
    if (old) block.replaceChild(btn, old);
    else block.appendChild(btn);
  }

  WH.tableOf = tableOf;
  WH.layoutTable = layoutTable;
  WH.sortedOrder = sortedOrder;
  WH.makeTable = makeTable;
  WH.tableBlock = tableBlock;
  WH.patchTable = patchTable;
  WH.placeTable = placeTable;
  WH.refreshBlock = refreshBlock;
})(window.WH);
