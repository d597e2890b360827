/* render-dimensions.js — renders the five dimensions: chart and table. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, show = WH.show, isNum = WH.isNum, fmtNum = WH.fmtNum, fmtPts = WH.fmtPts, sumPts = WH.sumPts;

  /* ---------- five dimensions ---------- */

  function renderDimensions(report, view) {
    var park = view.park;
    var sec = $('dims-sec');
    show(sec, !!park);
    if (!park) return;
    var dims = park.dimensions || [];
    clear($('dims-chart')).appendChild(WH.dimensionsChart(dims));
    var adj = (park.adjustments || []).map(function (a) {
      return a.points;
    });
    var foot = [{ cls: 'subtotal', head: true, cells: ['维度得分合计', fmtNum(sumWeights(dims)), fmtPts(sumPts(dims.map(function (d) {
      return d.score;
    })))] }];
    if (adj.length) foot.push({ cls: 'subtotal', head: true, cells: ['加分与扣分', '', fmtPts(sumPts(adj))] });
    foot.push({ cls: 'total', head: true, cells: ['总分', '', fmtPts(park.total)] });
    var table = WH.makeTable({
      id: 'dimensions',
      columns: [{ label: '维度' }, { label: '满分', num: true }, { label: '得分', num: true }],
      rows: dims.map(function (d) {
        return { cells: [d.name, fmtNum(d.weight), fmtPts(d.score)] };
      }),
      foot: foot
    });
    clear($('dims-box')).appendChild(WH.tableBlock(table, null));
  }

  function sumWeights(dims) {
    return Math.round(dims.reduce(function (a, d) {
      return a + (isNum(d.weight) ? d.weight : 0);
    }, 0) * 10000) / 10000;
  }

  WH.renderDimensions = renderDimensions;
})(window.WH);
