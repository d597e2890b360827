/* render-progress.js — renders the progress table (调度表) and its chart. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show, isNum = WH.isNum, fmtNum = WH.fmtNum, fmtPct = WH.fmtPct, fmtPp = WH.fmtPp;

  /* ---------- progress table (调度表) ---------- */

  var STATUS_MARK = { ahead: '✓ ', slight: '△ ', far: '✗ ', missing: '？' };
  var STATUS_ORDER = { far: 0, slight: 1, ahead: 2, missing: 3 };

  function sortedProgress(rows, key, dir) {
    return rows.map(function (r, i) {
      return { r: r, i: i };
    }).sort(function (a, b) {
      var va = key === 'status' ? STATUS_ORDER[a.r.status_key] : a.r[key];
      var vb = key === 'status' ? STATUS_ORDER[b.r.status_key] : b.r[key];
      if (key === 'name') return dir * String(va).localeCompare(String(vb), 'zh-CN') || a.i - b.i;
      // Missing values sort last whichever way, so the worst known rows lead.
      var ma = !isNum(va);
      var mb = !isNum(vb);
      if (ma || mb) return ma === mb ? a.i - b.i : ma ? 1 : -1;
      return dir * (va - vb) || a.i - b.i;
    }).map(function (o) {
      return o.r;
    });
  }

  function renderProgress(report, view) {
    var park = view.park;
    var rows = park ? park.progress || [] : [];
    show($('progress-sec'), rows.length > 0);
    var box = clear($('progress-box'));
    var chartBox = clear($('progress-chart'));
    if (!rows.length) return;
    var sorted = sortedProgress(rows, view.sortKey, view.sortDir);
    var col = function (label, key, num, unit) {
      return { label: label, sort: key, num: num, unit: unit, sorted: view.sortKey === key ? view.sortDir : 0 };
    };
    var table = WH.makeTable({
      id: 'progress',
      // A click re-sorts through the controller, which keeps the sort with the inputs.
      onSort: WH.sortProgress,
      columns: [
        { label: '序号', num: true }, { label: '指标', sort: 'name', cls: 'name', sorted: view.sortKey === 'name' ? view.sortDir : 0 }, { label: '单位', cls: 'nowrap' }, col('年度目标', 'target', true), col('累计完成', 'actual', true),
        col('完成率', 'completion', true), col('时序进度', 'time_progress', true), col('进度差', 'gap_pp', true, '百分点'),
        col('同比增速', 'yoy', true), col('全年预计', 'projection', true), col('剩余月均需完成', 'monthly_needed', true),
        col('状态', 'status'), { label: '说明', cls: 'note' }
      ],
      rows: sorted.map(function (r, i) {
        return {
          cls: 'st-' + r.status_key,
          cells: [String(i + 1), r.name, r.unit, fmtNum(r.target), fmtNum(r.actual), fmtPct(r.completion), fmtPct(r.time_progress),
            fmtPp(r.gap_pp), fmtPct(r.yoy), fmtNum(r.projection), fmtNum(r.monthly_needed),
            h('span', { 'class': 'status st-' + r.status_key, text: (STATUS_MARK[r.status_key] || '') + r.status }), r.note]
        };
      })
    });
    box.appendChild(WH.tableBlock(table, 'progress:' + view.parkIndex));
    var chart = WH.progressChart(sorted);
    if (chart) chartBox.appendChild(chart);
  }

  WH.renderProgress = renderProgress;
  WH.STATUS_MARK = STATUS_MARK;
})(window.WH);
