/* render-summary.js — renders the title bar, the print header and the summary (total, grade, rank, problems, five dimensions). */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, fmtNum = WH.fmtNum, fmtPts = WH.fmtPts, todayCn = WH.todayCn, periodCn = WH.periodCn;

  /* ---------- title and print header ---------- */

  function renderTitle(report, view) {
    var name = view.parkName;
    var multi = view.multi;
    var period = periodCn(report.period);
    var src = { user: '手动设定', header: '按表头', today: '按当前日期' }[report.period.source] || '';
    $('title-park').textContent = multi ? (report.parks.length + ' 个园区对比') : name;
    $('title-period').textContent = '数据截至 ' + period + (src ? '（' + src + '）' : '');
    $('title-version').textContent = 'v' + (report.version || view.version || '');
    $('print-title').textContent = multi ? '五好园区指标评价排名表' : '五好园区指标评价得分表';
    $('print-title').setAttribute('data-report-title', $('print-title').textContent);
    $('print-park').textContent = multi ? (report.parks.length + ' 个园区') : (name || '（未填写）');
    $('print-period').textContent = period;
    $('print-date').textContent = todayCn();
    $('print-scheme').textContent = '评价方案：' + report.scheme.name + (report.scheme.note ? '（' + report.scheme.note + '）' : '') +
      (view.example ? '；年度目标为示例目标（虚构）' : '');
    document.title = (name ? name + ' — ' : '') + '五好园区指标计算器';
  }

  /* ---------- summary ---------- */

  function renderSummary(report, view) {
    var park = view.park;
    var box = clear($('summary'));
    var scheme = report.scheme || {};
    if (park && view.multi) box.appendChild(h('h2', { text: '园区明细：' + view.parkName }));
    var head = h('div', { 'class': 'scheme-line' }, [
      h('span', { 'class': 'scheme-name', text: '评价方案：' + scheme.name }),
      scheme.note ? h('span', { 'class': 'scheme-note', text: '（' + scheme.note + '）' }) : null,
      view.example ? h('span', { 'class': 'badge', text: '示例目标' }) : null
    ]);
    if (scheme.fallback) head.appendChild(h('p', { 'class': 'bad', text: '所选方案有误（见问题提示），本次按内置示例方案计算。' }));
    box.appendChild(head);
    if (!park) {
      box.appendChild(h('p', { 'class': 'empty', text: view.hasData ? '未能从粘贴内容中读出园区数据，请查看识别情况和问题提示。' : '粘贴园区指标表（或点击“载入示例”）后，这里显示总分、等级和各项得分。' }));
      return;
    }
    // A partial total (indicators scored 缺数据) says so here, on screen and on paper, and is not graded.
    var partial = WH.isPartial(park);
    var total = h('div', { 'class': 'total-box' + (partial ? ' partial' : '') }, [
      h('div', { 'class': 'label', text: (view.multi ? view.parkName + ' ' : '') + (partial ? '总分（部分得分）' : '总分') }),
      h('div', { 'class': 'big' }, [h('span', { id: 'total', text: fmtPts(park.total) }), h('span', { 'class': 'of', text: ' / ' + fmtNum(scheme.total) })]),
      partial ? h('div', { 'class': 'partial-note bad', id: 'total-partial', text: WH.partialMark(park) + '（见问题提示）' }) : null
    ]);
    var grade = h('div', { 'class': 'grade-box' }, [
      h('div', { 'class': 'label', text: '等级' }),
      h('div', { 'class': 'big', id: 'grade', text: partial ? '未定级' : (park.grade || '—') }),
      partial && park.grade ? h('div', { 'class': 'partial-note', text: '已计分部分为' + park.grade }) : null
    ]);
    var row = h('div', { 'class': 'summary-row' }, [total, grade]);
    if (view.multi) row.appendChild(h('div', { 'class': 'rank-box' }, [h('div', { 'class': 'label', text: '排名' }), h('div', { 'class': 'big', text: park.rank + ' / ' + report.parks.length })]));
    row.appendChild(problemsBox(report.diagnostics || []));
    box.appendChild(row);
    box.appendChild(dimensionStrip(park.dimensions || []));
    if (park.veto) box.appendChild(h('p', { id: 'veto', 'class': 'veto', text: '一票否决：' + park.veto }));
  }

  /** The count of problems, on screen only; a click goes to the list beside the input. */
  function problemsBox(diags) {
    var errors = diags.filter(function (d) {
      return d.level === 'error';
    }).length;
    var text = diags.length ? diags.length + ' 条' : '无';
    var link = h('button', {
      'class': 'linklike big' + (errors ? ' bad' : ''),
      id: 'summary-problems',
      title: errors ? '其中错误 ' + errors + ' 条；点击查看' : '点击查看问题提示',
      attrs: { type: 'button' },
      on: {
        click: function () {
          var box = $('diag-box');
          if (box && box.scrollIntoView) box.scrollIntoView({ block: 'start' });
        }
      }
    }, [text]);
    return h('div', { 'class': 'problems-box no-print' }, [h('div', { 'class': 'label', text: '问题提示' }), link]);
  }

  /**
   * The five dimension scores in one line, on screen only: with several parks the
   * dimension table comes below the ranking, out of view.
   */
  function dimensionStrip(dims) {
    return h('ul', { 'class': 'dim-strip no-print', id: 'summary-dims', attrs: { 'aria-label': '五个维度得分' } }, dims.map(function (d) {
      return h('li', null, [h('span', { 'class': 'dim-name', text: d.name }), ' ', h('strong', { text: fmtPts(d.score) }), h('span', { 'class': 'of', text: ' / ' + fmtNum(d.weight) })]);
    }));
  }

  WH.renderTitle = renderTitle;
  WH.renderSummary = renderSummary;
})(window.WH);
