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
    var select = clear($('park-select'));
    if (parks.length < 2) return;
    var order = parks.map(function (p, i) {
      return { p: p, i: i };
    }).sort(function (a, b) {
      return (a.p.rank || 0) - (b.p.rank || 0);
    });
    // A paste of thousands of rows (an enterprise list) would take a minute to
    // lay out in full and nobody reads it on screen: list the leaders and the
    // park in view, and leave the full ranking to the exports, which hold it all.
    var listed = order.length > RANK_LIST_MAX ? order.slice(0, RANK_LIST_MAX) : order;
    if (listed !== order && listed.every(function (o) { return o.i !== view.parkIndex; })) {
      listed = listed.concat(order.filter(function (o) { return o.i === view.parkIndex; }));
    }
    listed.forEach(function (o) {
      select.appendChild(h('option', { text: o.p.rank + '. ' + o.p.name, attrs: { value: o.i } }));
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
    var table = t ? WH.layoutTable(t, {
      id: 'ranking',
      order: shown,
      rowClass: function (row) {
        return row.park === view.parkIndex ? 'selected' : '';
      }
    }) : null;
    var box = clear($('ranking-box'));
    if (listed.length < order.length) {
      box.appendChild(h('p', { 'class': 'note', id: 'ranking-note', text: '共 ' + order.length + ' 个园区，此处列出前 ' + RANK_LIST_MAX +
        ' 名及所选园区（图中为前 ' + RANK_CHART_MAX + ' 名）；完整排名请用“导出 Excel”“导出 CSV”或“复制表格”。' }));
    }
    // Above RANK_LIST_MAX parks the copy, like the exports, holds the full ranking (the note says so).
    if (table) box.appendChild(WH.tableBlock(table, 'ranking', listed.length < order.length ? null : shown));
    // The chart comes in parts of RANK_CHART_PART bars, each with its own caption, so
    // that on paper a long chart breaks between parts, each part headed.
    var charted = order.slice(0, RANK_CHART_MAX).map(function (o) {
      return o.p;
    });
    var max = Math.max(typeof report.scheme.total === 'number' ? report.scheme.total : 100, Math.max.apply(null, charted.map(function (p) {
      return p.total || 0;
    })));
    var chart = clear($('ranking-chart'));
    for (var k = 0; k < charted.length; k += RANK_CHART_PART) {
      var part = charted.slice(k, k + RANK_CHART_PART);
      var cap = charted.length > RANK_CHART_PART ? '园区总分（第 ' + (k + 1) + '–' + (k + part.length) + ' 名' + (k ? '，续' : '') + '）' : '园区总分';
      chart.appendChild(h('div', { 'class': 'chart-part' }, [h('p', { 'class': 'chart-cap', text: cap }), WH.rankingChart(part, max, order.length)]));
    }
  }

  WH.renderRanking = renderRanking;
})(window.WH);
