/* render-breakdown.js — renders the per-indicator breakdown and the adjustments (加分与扣分), as the core lays them out. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show;

  /* ---------- per-indicator breakdown ---------- */

  // The rows, their order, the subtotals and the total come from the core
  // (report.tables, key breakdown:<park>); the page only renders them.
  function renderBreakdown(report, view) {
    var key = 'breakdown:' + view.parkIndex;
    var t = view.park ? WH.tableOf(report, key) : null;
    show($('breakdown-sec'), !!t);
    if (!t) {
      clear($('breakdown-box'));
      return;
    }
    // Updated in place when the table on screen has the same columns and rows.
    WH.placeTable($('breakdown-box'), t, { id: 'breakdown' }, key);
  }

  function renderAdjustments(report, view) {
    var park = view.park;
    var key = 'adjustments:' + view.parkIndex;
    var t = park ? WH.tableOf(report, key) : null;
    show($('adjust-sec'), !!t || !!(park && park.veto));
    var box = clear($('adjust-box'));
    if (!park) return;
    if (t) box.appendChild(WH.tableBlock(WH.layoutTable(t, { id: 'adjustments' }), key));
    if (park.veto) box.appendChild(h('p', { 'class': 'veto', text: '一票否决：' + park.veto + '（等级按方案规定下调）' }));
  }

  WH.renderBreakdown = renderBreakdown;
  WH.renderAdjustments = renderAdjustments;
})(window.WH);
