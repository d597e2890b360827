/* render-splits.js — renders the decomposition checks (目标分解检查), as the core lays them out. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show, isNum = WH.isNum;

  /* ---------- splits ---------- */

  function renderSplits(report, view) {
    var splits = report.splits || [];
    show($('splits-sec'), splits.length > 0);
    var box = clear($('splits-box'));
    splits.forEach(function (sp, n) {
      box.appendChild(splitSection(report, sp, isNum(sp.index) ? sp.index : n));
    });
  }

  function splitSection(report, sp, n) {
    var sec = h('section', { 'class': 'split' });
    // Each table's caption names the split (its title, the period, the scheme);
    // the part kind and the unit are in the headers.
    var key = 'split:' + n;
    var parts = WH.tableOf(report, key);
    // Above 200 parts the compact report lists the first 200 (README, "Automation
    // contract"); 复制此表 and the exports still write every part, in the core's order.
    var count = sp.parts_compact ? sp.parts_compact.count : (sp.parts || []).length;
    var listed = parts ? parts.rows.length : 0;
    if (parts) sec.appendChild(WH.tableBlock(WH.layoutTable(parts, { cls: 'parts' }), key));
    if (parts && listed < count) {
      sec.appendChild(h('p', { 'class': 'note split-listed', text: '共 ' + count + ' 个部分，此处列出前 ' + listed +
        ' 个；复制此表、复制表格和导出包含全部部分。' }));
    }
    var sums = WH.tableOf(report, key + ':sums');
    if (sums && sums.rows.length) sec.appendChild(WH.tableBlock(WH.layoutTable(sums, { cls: 'sums' }), key + ':sums'));
    sec.appendChild(h('p', { 'class': 'laggards' }, sp.laggards && sp.laggards.length ? ['进度滞后：', h('strong', { text: sp.laggards.join('、') })] : ['没有进度滞后的部分。']));
    return sec;
  }

  WH.renderSplits = renderSplits;
})(window.WH);
