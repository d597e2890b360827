/* files.js — opening a spreadsheet file (打开表格文件, or a file dropped on the page: .xlsx, .xls, .et, .csv): the core reads it (readFile) into the park table as a paste, undoably; a sheet picker when it has several. */
(function (WH) {
  'use strict';

  var $ = WH.$, h = WH.h, clear = WH.clear;

  // The file whose sheets the picker offers: its bytes and name, kept until another opens.
  var open = null;

  /** The core's reading of the bytes (its JSON), the module started first if need be. */
  function readBytes(bytes, name, sheet) {
    return WH.startCore().then(function () {
      var r = JSON.parse(WH.glue().readFile(bytes, name, sheet || ''));
      var notUtf8 = r.ok && (r.diagnostics || []).some(function (d) { return d.kind === 'file.not_utf8'; });
      if (!notUtf8 || typeof TextDecoder === 'undefined') return r;
      // A CSV saved by Excel in China is GB18030 (GBK): the browser's own decoder reads it.
      var text = null;
      try {
        text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      } catch (e) {
        text = null;
      }
      if (text === null) return r;
      var again = JSON.parse(WH.glue().readFile(new TextEncoder().encode(text), name, sheet || ''));
      again.diagnostics = (again.diagnostics || []).concat([{ level: 'warning', kind: 'file.gb18030', message: '文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取。' }]);
      return again;
    });
  }

  function showSheets(r) {
    var box = $('file-sheet-box');
    var select = clear($('file-sheet'));
    var sheets = r.sheets || [];
    sheets.forEach(function (s) {
      var o = h('option', { text: s.name + (s.hidden ? '（隐藏）' : ''), attrs: { value: s.name } });
      if (s.name === r.sheet) o.selected = true;
      select.appendChild(o);
    });
    WH.show(box, sheets.length > 1);
  }

  /** Puts a reading's table into the park table box, as a paste, undoably; or says why not. */
  function apply(r, name) {
    var errors = (r.diagnostics || []).filter(function (d) { return d.level === 'error'; });
    if (!r.ok) {
      var why = errors.length ? errors[0].message : '未能读取此文件。';
      $('file-info').textContent = '“' + name + '”：' + why;
      $('file-info').className = 'file-info bad';
      WH.say('未能打开“' + name + '”：' + why + ' 输入框中原有的表格未改动。', true);
      return;
    }
    var notes = (r.diagnostics || []).map(function (d) { return d.message; });
    var where = '“' + name + '”' + (r.sheet ? '的工作表“' + r.sheet + '”' : '');
    showSheets(r);
    WH.replaceData('打开表格文件' + where, r.text, {
      form: 'file', merged: r.merged || 0, precise: 0, file: name, sheet: r.sheet || null, notes: notes
    });
    var info = '已读取' + where + '：' + r.rows + ' 行 × ' + r.cols + ' 列' + (notes.length ? '。' + notes.join('') : '。');
    $('file-info').textContent = info;
    $('file-info').className = 'file-info';
    WH.say(info);
  }

  /** Opens a File from the chooser or a drop. */
  function openTableFile(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var bytes = new Uint8Array(reader.result);
      open = { bytes: bytes, name: file.name };
      readBytes(bytes, file.name, '').then(function (r) {
        apply(r, file.name);
      }, function () {
        WH.say('计算模块尚未就绪，未能打开“' + file.name + '”。', true);
      });
    };
    reader.onerror = function () {
      WH.say('无法读取文件：' + file.name, true);
    };
    reader.readAsArrayBuffer(file);
  }

  function bindFiles() {
    $('table-file').addEventListener('change', function () {
      var input = $('table-file');
      var file = input.files && input.files[0];
      if (file) openTableFile(file);
      input.value = '';
    });
    $('file-sheet').addEventListener('change', function () {
      if (!open) return;
      var name = open.name;
      readBytes(open.bytes, name, $('file-sheet').value).then(function (r) {
        apply(r, name);
      });
    });
  }

  WH.openTableFile = openTableFile;
  WH.bindFiles = bindFiles;
})(window.WH);
