/* tables.js — the generic result table with its 复制此表 button. */
(function (WH) {
  'use strict';

  var append = WH.append, h = WH.h;

  /* ---------- generic table with a copy button ---------- */

  /**
   * spec: { id, cls, columns: [{label, unit, num, sort}], rows: [{cells, cls}], foot: [rows],
   *         onSort(key) }. Cells are strings, numbers or nodes.
   */
  function makeTable(spec) {
    var table = h('table', { id: spec.id, 'class': 'data ' + (spec.cls || '') });
    var tr = h('tr');
    spec.columns.forEach(function (col) {
      var th = h('th', { 'class': col.num ? 'num' : '', attrs: { scope: 'col' } }, [col.label]);
      if (col.unit) th.appendChild(h('span', { 'class': 'unit', text: '（' + col.unit + '）' }));
      if (col.sort && spec.onSort) {
        th.className += ' sortable';
        th.setAttribute('tabindex', '0');
        th.setAttribute('aria-sort', col.sorted ? (col.sorted > 0 ? 'ascending' : 'descending') : 'none');
        if (col.sorted) th.appendChild(h('span', { 'class': 'sortmark', text: col.sorted > 0 ? ' ▲' : ' ▼' }));
        th.addEventListener('click', function () {
          spec.onSort(col.sort);
        });
        th.addEventListener('keydown', function (e) {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            spec.onSort(col.sort);
          }
        });
      }
      tr.appendChild(th);
    });
    table.appendChild(h('thead', null, tr));
    table.appendChild(h('tbody', null, spec.rows.map(function (row) {
      return tableRow(row, spec.columns);
    })));
    if (spec.foot && spec.foot.length) {
      table.appendChild(h('tfoot', null, spec.foot.map(function (row) {
        return tableRow(row, spec.columns);
      })));
    }
    return table;
  }

  function tableRow(row, columns) {
    var tr = h('tr', { 'class': row.cls || '' });
    var at = 0;
    row.cells.forEach(function (cell, i) {
      // `lead` lets a row's first cell span several columns (小计 labels).
      var span = i === 0 && row.lead ? row.lead : 1;
      var col = span > 1 ? {} : columns[at] || {};
      var td = h(i === 0 && row.head ? 'th' : 'td', { 'class': (col.num ? 'num' : '') + (col.cls ? ' ' + col.cls : '') });
      if (span > 1) td.colSpan = span;
      append(td, cell === null || cell === undefined ? '' : cell);
      tr.appendChild(td);
      at += span;
    });
    return tr;
  }

  /** A table with its copy button; `key` names the core's export table, if any. */
  function tableBlock(table, key) {
    var btn = h('button', {
      'class': 'copy no-print',
      text: '复制此表',
      attrs: { type: 'button', 'data-key': key || '' },
      on: {
        click: function () {
          WH.copyTable(key, table);
        }
      }
    });
    return h('div', { 'class': 'tableblock' }, [h('div', { 'class': 'tablewrap' }, table), btn]);
  }

  WH.makeTable = makeTable;
  WH.tableBlock = tableBlock;
})(window.WH);
