/* render-read.js — renders the read-back: how the paste was read, each column's role and why, and its correction controls. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h;

  /* ---------- how the paste was read ---------- */

  var SHAPES = {
    indicator_rows: '指标按行（单个园区）',
    park_rows: '园区按行（多个园区对比）',
    unknown: '未能识别表格结构'
  };

  // What the read-back was last drawn from: a paste whose figures changed but whose
  // reading did not (a province re-pasted, a figure edited) keeps the panel as it is
  // instead of building its forty-odd rows and selects again.
  var drawnFrom = null;

  function renderRead(report, view) {
    var read = report.read || {};
    var key = JSON.stringify([read, view.readFix || null, !!view.hasData]);
    var box = $('read');
    if (key === drawnFrom && box.firstChild) return;
    drawnFrom = key;
    clear(box);
    if (!view.hasData) {
      box.appendChild(h('p', { 'class': 'muted', text: '尚未粘贴数据。可点击“载入示例”查看效果。' }));
      return;
    }
    box.appendChild(h('p', null, [
      '表格结构：', h('strong', { text: SHAPES[read.shape] || String(read.shape) }),
      read.header_row ? '；表头在第 ' + read.header_row + ' 行' : ''
    ]));
    var clip = read.clipboard;
    if (clip && clip.form === 'file') {
      box.appendChild(h('p', { 'class': 'read-form', text: '已从文件“' + clip.file + '”' + (clip.sheet ? '的工作表“' + clip.sheet + '”' : '') + '读取' +
        (clip.merged ? '（合并单元格 ' + clip.merged + ' 处：值在左上格）' : '') + '。' + (clip.notes || []).join('') }));
    }
    if (clip && clip.form === 'html') {
      box.appendChild(h('p', { 'class': 'read-form', text: '已按剪贴板中的表格格式读取（Excel/WPS 的 HTML）' +
        (clip.merged ? '：合并单元格 ' + clip.merged + ' 处已展开' : '') +
        (clip.precise ? (clip.merged ? '，' : '：') + clip.precise + ' 个数值按完整精度取值（而非显示的舍入值）' : '') + '。' }));
    }
    if (read.columns && read.columns.length) {
      // Each column's role and why (the header word, the content rule, or 由用户指定),
      // with the selects that correct it (read-fix.js).
      var fix = view.readFix || null;
      box.appendChild(WH.readFixShapeControls(read, fix));
      box.appendChild(WH.makeTable({
        id: 'read-columns',
        cls: 'compact',
        columns: [{ label: '列' }, { label: '表头' }, { label: '识别为' }, { label: '依据' }, { label: '更正（用途、单位）', cls: 'no-print' }],
        rows: read.columns.map(function (c) {
          return {
            cls: c.by === 'user' ? 'by-user' : '',
            cells: [colName(c.col), c.header, c.role, c.why || '', WH.readFixColumnControls(read, fix, c.col)]
          };
        })
      }));
    }
    // Each pasted split table's columns as read, with why (no corrections there yet).
    (read.splits || []).forEach(function (cols, i) {
      if (!cols || !cols.length) return;
      box.appendChild(h('p', { 'class': 'read-split', text: '分解表 ' + (i + 1) + ' 的列：' }));
      box.appendChild(WH.makeTable({
        cls: 'compact read-split-columns',
        columns: [{ label: '列' }, { label: '表头' }, { label: '识别为' }, { label: '依据' }],
        rows: cols.map(function (c) {
          return { cells: [colName(c.col), c.header, c.role, c.why || ''] };
        })
      }));
    });
    (read.unmatched || []).forEach(function (u) {
      var li = WH.diagLink('data', null, u.row, u.col, '第 ' + u.row + ' 行“' + u.text + '”未对应方案中的指标' +
        (u.suggestions && u.suggestions.length ? '，是否是：' + u.suggestions.join('、') + '？' : '，已忽略。'), 'warning');
      box.appendChild(h('p', { 'class': 'unmatched' }, li));
    });
    if (read.missing && read.missing.length) {
      box.appendChild(h('p', { 'class': 'missing-list' }, ['方案中以下项目在粘贴内容中没有数据：', h('span', { text: read.missing.join('、') })]));
    }
  }

  /** Excel-style column letters, so a clerk finds the column in the sheet. */
  function colName(n) {
    var out = '';
    var k = Number(n);
    while (k > 0) {
      var r = (k - 1) % 26;
      out = String.fromCharCode(65 + r) + out;
      k = Math.floor((k - 1) / 26);
    }
    return out ? out + ' 列' : '';
  }

  WH.renderRead = renderRead;
  WH.colName = colName;
})(window.WH);
