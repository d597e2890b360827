/* render-ranking.js — renders the ranking of several parks and the park selector. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show, fmtNum = WH.fmtNum, fmtPts = WH.fmtPts;

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
    var dims = (parks[0].dimensions || []).map(function (d) {
      return { label: d.name, unit: '满分 ' + fmtNum(d.weight), num: true };
    });
    // Parks read with a group (市州, 片区) also show it and their rank within it (from the core).
    var grouped = parks.some(function (p) { return p.group; });
    var groupCols = grouped ? [{ label: '分组', cls: 'nowrap' }, { label: '组内排名', num: true }] : [];
    var table = WH.makeTable({
      id: 'ranking',
      columns: [{ label: '排名', num: true }, { label: '园区', cls: 'name' }].concat(groupCols,
        [{ label: '总分', num: true }, { label: '等级', cls: 'nowrap' }], dims, [{ label: '一票否决' }]),
      rows: listed.map(function (o) {
        var p = o.p;
        var groupCells = grouped ? [p.group || '', p.group_rank ? String(p.group_rank) : ''] : [];
        return {
          cls: o.i === view.parkIndex ? 'selected' : '',
          cells: [String(p.rank), p.name].concat(groupCells, [fmtPts(p.total), p.grade], (p.dimensions || []).map(function (d) {
            return fmtPts(d.score);
          }), [p.veto ? h('span', { 'class': 'veto', text: p.veto }) : ''])
        };
      })
    });
    var box = clear($('ranking-box'));
    if (listed.length < order.length) {
      box.appendChild(h('p', { 'class': 'note', id: 'ranking-note', text: '共 ' + order.length + ' 个园区，此处列出前 ' + RANK_LIST_MAX +
        ' 名及所选园区（图中为前 ' + RANK_CHART_MAX + ' 名）；完整排名请用“导出 Excel”“导出 CSV”或“复制表格”。' }));
    }
    box.appendChild(WH.tableBlock(table, 'ranking'));
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
