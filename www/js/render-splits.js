/* render-splits.js — renders the decomposition checks (目标分解检查). */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show, isNum = WH.isNum, fmtNum = WH.fmtNum, fmtPct = WH.fmtPct, fmtPp = WH.fmtPp;

  /* ---------- splits ---------- */

  function renderSplits(report, view) {
    var splits = report.splits || [];
    show($('splits-sec'), splits.length > 0);
    var box = clear($('splits-box'));
    splits.forEach(function (sp, n) {
      box.appendChild(splitSection(sp, n));
    });
  }

  var SUM_WHAT = { target: '年度目标', actual: '累计完成' };

  function splitSection(sp, n) {
    var sec = h('section', { 'class': 'split' });
    sec.appendChild(h('h3', { text: (sp.title || '分解表 ' + (n + 1)) + (sp.kind ? '（' + sp.kind + '）' : '') + (sp.unit ? '　单位：' + sp.unit : '') }));
    var parts = WH.makeTable({
      columns: [{ label: '部分' }, { label: '指标' }, { label: '目标', num: true }, { label: '完成', num: true }, { label: '完成率', num: true },
        { label: '进度差', unit: '百分点', num: true }, { label: '状态', cls: 'nowrap' }, { label: '缺口占比', num: true }, { label: '说明', cls: 'note' }],
      rows: (sp.parts || []).map(function (p) {
        return {
          cls: 'st-' + p.status_key,
          cells: [p.name, p.indicator, fmtNum(p.target), fmtNum(p.actual), fmtPct(p.completion), fmtPp(p.gap_pp),
            h('span', { 'class': 'status st-' + p.status_key, text: (WH.STATUS_MARK[p.status_key] || '') + p.status }), fmtPct(p.gap_share),
            p.note || '']
        };
      })
    });
    sec.appendChild(WH.tableBlock(parts, 'split:' + (isNum(sp.index) ? sp.index : n)));
    if (sp.sums && sp.sums.length) {
      sec.appendChild(WH.tableBlock(WH.makeTable({
        cls: 'sums',
        columns: [{ label: '指标' }, { label: '核对项' }, { label: '整体', num: true }, { label: '各部分合计', num: true }, { label: '差额', num: true }, { label: '结果' }],
        rows: sp.sums.map(function (m) {
          return {
            cls: m.ok ? '' : 'st-far',
            cells: [m.indicator, SUM_WHAT[m.what] || m.what, fmtNum(m.whole), fmtNum(m.parts_sum), fmtNum(m.difference), h('span', { 'class': m.ok ? 'ok' : 'bad', text: (m.ok ? '✓ ' : '✗ ') + m.message })]
          };
        })
      }), null));
    }
    sec.appendChild(h('p', { 'class': 'laggards' }, sp.laggards && sp.laggards.length ? ['进度滞后：', h('strong', { text: sp.laggards.join('、') })] : ['没有进度滞后的部分。']));
    return sec;
  }

  WH.renderSplits = renderSplits;
})(window.WH);
