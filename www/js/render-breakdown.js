/* render-breakdown.js — renders the per-indicator breakdown and the adjustments (加分与扣分). */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show, isNum = WH.isNum, fmtNum = WH.fmtNum, fmtPts = WH.fmtPts, fmtPct = WH.fmtPct, fmtPp = WH.fmtPp, sumPts = WH.sumPts;

  /* ---------- per-indicator breakdown ---------- */

  function renderBreakdown(report, view) {
    var park = view.park;
    show($('breakdown-sec'), !!park);
    var box = clear($('breakdown-box'));
    if (!park) return;
    var rows = [];
    var used = {};
    (park.dimensions || []).forEach(function (d) {
      var inds = (park.indicators || []).filter(function (ind) {
        return ind.dimension === d.name || ind.dimension === d.key;
      });
      inds.forEach(function (ind, i) {
        used[park.indicators.indexOf(ind)] = true;
        rows.push(indicatorRow(ind, i === 0 ? d.name : ''));
      });
      rows.push({ cls: 'subtotal', lead: 2, cells: [d.name + ' 小计', '', '', '', '', fmtNum(d.weight), fmtPts(d.score), fmtPts(sumPts(inds.map(function (x) {
        return x.lost;
      }))), ''] });
    });
    (park.indicators || []).forEach(function (ind, i) {
      if (!used[i]) rows.push(indicatorRow(ind, ind.dimension));
    });
    var table = WH.makeTable({
      id: 'breakdown',
      columns: [
        { label: '维度', cls: 'dim' }, { label: '指标', cls: 'name' }, { label: '单位', cls: 'nowrap' }, { label: '实际值', num: true },
        { label: '目标', num: true }, { label: '完成率', num: true }, { label: '分值', num: true },
        { label: '得分', num: true }, { label: '失分', num: true }, { label: '计算过程', cls: 'explain' }
      ],
      rows: rows
    });
    box.appendChild(WH.tableBlock(table, 'breakdown:' + view.parkIndex));
  }

  function indicatorRow(ind, dimLabel) {
    var missing = ind.missing;
    return {
      cls: missing ? 'missing' : '',
      cells: [
        dimLabel, ind.name, ind.unit,
        missing && !isNum(ind.value) ? h('span', { 'class': 'missing-tag', text: '缺数据' }) : fmtNum(ind.value),
        fmtNum(ind.target), fmtPct(ind.completion), fmtNum(ind.weight), fmtPts(ind.score), fmtPts(ind.lost),
        missing ? missingExplain(missing, ind.explain) : ind.explain
      ]
    };
  }

  /** The 缺数据 reason with the core's explanation, without saying the reason twice. */
  function missingExplain(reason, explain) {
    var text = explain && explain.indexOf(reason) >= 0 ? explain : reason + (explain ? '；' + explain : '');
    return h('span', null, [h('span', { 'class': 'missing-tag', text: '缺数据' }), ' ', text.replace(/^缺数据[：:]\s*/, '')]);
  }

  function renderAdjustments(report, view) {
    var park = view.park;
    var adj = park ? park.adjustments || [] : [];
    show($('adjust-sec'), adj.length > 0 || !!(park && park.veto));
    var box = clear($('adjust-box'));
    if (!park) return;
    if (adj.length) {
      box.appendChild(WH.tableBlock(WH.makeTable({
        id: 'adjustments',
        columns: [{ label: '项目' }, { label: '分值', num: true }, { label: '说明' }],
        rows: adj.map(function (a) {
          return { cells: [a.name, fmtPp(a.points), a.explain] };
        })
      }), null));
    }
    if (park.veto) box.appendChild(h('p', { 'class': 'veto', text: '一票否决：' + park.veto + '（等级按方案规定下调）' }));
  }

  WH.renderBreakdown = renderBreakdown;
  WH.renderAdjustments = renderAdjustments;
})(window.WH);
