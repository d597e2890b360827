/* render-ranking.js — renders the ranking of several parks and the park selector. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show;

  /* ---------- ranking (several parks) ---------- */

  var RANK_LIST_MAX = 200;
  var RANK_CHART_MAX = 50;
  var RANK_CHART_PART = 25;

  function renderRanking(report, view) {
    var parks = report.parks || [];
    var sec = $('ranking-sec');
    show(sec, parks.length > 1);
    var select = $('park-select');
    if (parks.length < 2) {
      clear(select);
      return;
    }
    // The core ranked the parks: their order is an index sorted by rank (ties keep
    // the paste order), not a sort of the park objects.
    var byRank = parks.map(function (p, i) {
      return i;
    }).sort(function (a, b) {
      return (parks[a].rank || 0) - (parks[b].rank || 0) || a - b;
    });
    var order = byRank.map(function (i) {
      return { p: parks[i], i: i };
    });
    // A paste of thousands of rows (an enterprise list) would take a minute to
    // lay out in full and nobody reads it on screen: list the leaders and the
    // park in view, and leave the full ranking to the exports, which hold it all.
    var listed = order.length > RANK_LIST_MAX ? order.slice(0, RANK_LIST_MAX) : order;
    if (listed !== order && listed.every(function (o) { return o.i !== view.parkIndex; })) {
      listed = listed.concat(order.filter(function (o) { return o.i === view.parkIndex; }));
    }
    // The selector's options are rewritten in place when there are as many: a
    // re-paste of the same parks changes texts, not elements.
    var opts = select.options;
    if (opts.length !== listed.length) {
      clear(select);
      listed.forEach(function () {
        select.appendChild(new Option('', ''));
      });
    }
    listed.forEach(function (o, k) {
      var opt = opts[k];
      var text = o.p.rank + '. ' + o.p.name;
      if (opt.text !== text) opt.text = text;
      if (opt.value !== String(o.i)) opt.value = String(o.i);
    });
    select.value = String(view.parkIndex);
    // The table is the core's (ranks, names, groups, totals, each dimension with its
    // full marks, vetoes); the page lists the rows of the parks listed above.
    var t = WH.tableOf(report, 'ranking');
    var rowOf = {};
    if (t) {
      t.rows.forEach(function (r, k) {
        rowOf[r.park] = k;
      });
    }
    var shown = listed.map(function (o) {
      return rowOf[o.i];
    }).filter(function (k) {
      return k !== undefined;
    });
    var layout = {
      id: 'ranking',
      order: shown,
      rowClass: function (row) {
        return row.park === view.parkIndex ? 'selected' : '';
      }
    };
    var box = $('ranking-box');
    var note = listed.length < order.length ? '共 ' + order.length + ' 个园区，此处列出前 ' + RANK_LIST_MAX +
      ' 名及所选园区（图中为前 ' + RANK_CHART_MAX + ' 名）；完整排名请用“导出 Excel”“导出 CSV”或“复制表格”。' : '';
    // Above RANK_LIST_MAX parks the copy, like the exports, holds the full ranking (the note says so).
    var copyOrder = listed.length < order.length ? null : shown;
    // The table on screen is brought up to date in place when it has the same
    // columns and as many rows (a province re-pasted, another park chosen):
    // nothing is torn down, and the browser lays out only the cells that changed.
    var old = $('ranking');
    var block = old && old.parentNode && old.parentNode.parentNode;
    var patched = t && block && block.parentNode === box ? WH.patchTable(old, t, layout) : null;
    if (patched) {
      var oldNote = $('ranking-note');
      if (oldNote && oldNote.textContent !== note) {
        box.removeChild(oldNote);
        oldNote = null;
      }
      if (note && !oldNote) box.insertBefore(h('p', { 'class': 'note', id: 'ranking-note', text: note }), block);
      WH.refreshBlock(block, patched, 'ranking', copyOrder);
    } else {
      var table = t ? WH.layoutTable(t, layout) : null;
      clear(box);
      if (note) box.appendChild(h('p', { 'class': 'note', id: 'ranking-note', text: note }));
      if (table) box.appendChild(WH.tableBlock(table, 'ranking', copyOrder));
    }
    // The chart comes in parts of RANK_CHART_PART bars, each with its own caption, so
    // that on paper a long chart breaks between parts, each part headed.
    var charted = order.slice(0, RANK_CHART_MAX).map(function (o) {
      return o.p;
    });
    var max = Math.max(typeof report.scheme.total === 'number' ? report.scheme.total : 100, Math.max.apply(null, charted.map(function (p) {
      return p.total || 0;
    })));
    var chart = $('ranking-chart');
    var parts = [];
    for (var k = 0; k < charted.length; k += RANK_CHART_PART) parts.push(k);
    var capOf = function (k, n) {
      return charted.length > RANK_CHART_PART ? '园区总分（第 ' + (k + 1) + '–' + (k + n) + ' 名' + (k ? '，续' : '') + '）' : '园区总分';
    };
    // A chart with as many parts and bars is updated in place (a province re-pasted).
    var drawn = chart.children;
    var same = drawn.length === parts.length && parts.every(function (k, n) {
      var part = charted.slice(k, k + RANK_CHART_PART);
      var el = drawn[n];
      return el.firstChild && el.firstChild.textContent === capOf(k, part.length) && WH.patchRankingChart(el.lastChild, part, max, order.length);
    });
    if (!same) {
      clear(chart);
      parts.forEach(function (k) {
        var part = charted.slice(k, k + RANK_CHART_PART);
        chart.appendChild(h('div', { 'class': 'chart-part' }, [h('p', { 'class': 'chart-cap', text: capOf(k, part.length) }), WH.rankingChart(part, max, order.length)]));
      });
    }
  }

  WH.renderRanking = renderRanking;
})(window.WH);
