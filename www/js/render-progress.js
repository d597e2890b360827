/* render-progress.js — renders the progress table (调度表), as the core lays it out, and its chart. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, show = WH.show;

  /* ---------- progress table (调度表) ---------- */

  // The columns a click on the header sorts by (the user's sort is view state).
  var SORTABLE = { name: true, target: true, actual: true, completion: true, time_progress: true, gap_pp: true, yoy: true, projection: true, monthly_needed: true, status: true };

  function renderProgress(report, view) {
    var park = view.park;
    var key = 'progress:' + view.parkIndex;
    var t = park ? WH.tableOf(report, key) : null;
    var rows = t ? t.rows : [];
    show($('progress-sec'), rows.length > 0);
    var box = $('progress-box');
    var chartBox = clear($('progress-chart'));
    if (!rows.length) {
      clear(box);
      return;
    }
    var order = WH.sortedOrder(t, view.sortKey, view.sortDir);
    // Updated in place when the table on screen has the same columns, rows and sort;
    // the copy carries the rows in the order shown.
    WH.placeTable(box, t, {
      id: 'progress',
      order: order,
      // A click re-sorts through the controller, which keeps the sort with the inputs.
      sort: { keys: SORTABLE, key: view.sortKey, dir: view.sortDir, onSort: WH.sortProgress }
    }, key, order);
    // The chart follows the table's order; the core's progress rows are the table's rows, one for one.
    var items = park.progress || [];
    var chart = WH.progressChart(order.map(function (k) {
      return items[k];
    }).filter(Boolean));
    if (chart) chartBox.appendChild(chart);
  }

  WH.renderProgress = renderProgress;
})(window.WH);
