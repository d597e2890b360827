/* render-diagnostics.js — renders the problem list (问题提示). */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h;

  /* ---------- diagnostics ---------- */

  function diagPlace(d) {
    var where = [];
    if (d.source === 'split' && d.split !== null && d.split !== undefined) where.push('分解表 ' + (d.split + 1));
    if (d.source === 'scheme') where.push('方案');
    if (d.row) where.push('第 ' + d.row + ' 行');
    if (d.col) where.push('第 ' + d.col + ' 列（' + WH.colName(d.col).replace(' 列', '') + '）');
    return where.join(' ');
  }

  function renderDiagnostics(report, view) {
    var list = clear($('diagnostics'));
    var diags = report.diagnostics || [];
    $('diag-count').textContent = diags.length ? '（' + diags.length + ' 条）' : '';
    if (!diags.length) {
      list.appendChild(h('li', { 'class': 'muted', text: '没有发现问题。' }));
      return;
    }
    // Problems of one kind are listed together, in the order each kind first
    // appears; a kind seen more than once gets a heading with its count.
    var groups = [];
    var byKind = {};
    diags.forEach(function (d) {
      var k = d.kind || 'other';
      if (!byKind[k]) {
        byKind[k] = [];
        groups.push(k);
      }
      byKind[k].push(d);
    });
    groups.forEach(function (k) {
      var members = byKind[k];
      if (members.length > 1) {
        list.appendChild(h('li', { 'class': 'diag-group', attrs: { 'data-kind': k }, text: kindLabel(k) + '：' + members.length + ' 条' }));
      }
      members.forEach(function (d) {
        var place = diagPlace(d);
        var text = (place ? place + '：' : '') + d.message + (d.cell ? '　单元格内容“' + d.cell + '”' : '');
        list.appendChild(h('li', { 'class': 'diag ' + (d.level === 'error' ? 'error' : 'warning'), attrs: { 'data-kind': k } },
          diagLink(d.source, d.split, d.row, d.col, text, d.level)));
      });
    });
  }

  // The area of a problem kind (`number.range` → 数字), for group headings.
  var KIND_AREAS = { number: '数字', unit: '单位', grid: '表格', request: '请求', scheme: '方案', score: '计分', read: '读表',
    table: '读表', split: '分解表', scheme_table: '方案表格' };
  function kindLabel(kind) {
    // The key itself (number.range) stays in data-kind for automation; people read the area.
    return (KIND_AREAS[String(kind).split('.')[0]] || '其他') + '问题';
  }

  function diagLink(source, split, row, col, text, level) {
    var label = h('span', { 'class': 'level', text: level === 'error' ? '错误' : '提示' });
    if (!row) return h('span', null, [label, ' ', text]);
    return h('button', {
      'class': 'linklike',
      attrs: { type: 'button' },
      on: {
        click: function () {
          WH.selectCell(source, split, row, col);
        }
      }
    }, [label, ' ', text]);
  }

  WH.renderDiagnostics = renderDiagnostics;
  WH.diagLink = diagLink;
})(window.WH);
