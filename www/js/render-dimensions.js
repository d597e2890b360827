/* render-dimensions.js — renders the five dimensions: chart and table (the table as the core lays it out). */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, show = WH.show;

  /* ---------- five dimensions ---------- */

  function renderDimensions(report, view) {
    var park = view.park;
    var sec = $('dims-sec');
    show(sec, !!park);
    if (!park) return;
    clear($('dims-chart')).appendChild(WH.dimensionsChart(park.dimensions || []));
    var box = clear($('dims-box'));
    var key = 'dimensions:' + view.parkIndex;
    var t = WH.tableOf(report, key);
    // 维度得分合计, 加分与扣分 and 总分 are the core's rows; they sit in the table's foot.
    if (t) box.appendChild(WH.tableBlock(WH.layoutTable(t, { id: 'dimensions', foot: true }), key));
  }

  WH.renderDimensions = renderDimensions;
})(window.WH);
