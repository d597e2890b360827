/* export.js — export and print: copying tables, downloading TSV/CSV/xlsx, the print date. */
(function (WH) {
  'use strict';

  var $ = WH.$, h = WH.h, todayCn = WH.todayCn, periodCn = WH.periodCn;

  /* ---------- clipboard and downloads ---------- */

  /**
   * The core's export of the tables `key` selects, as text. With `park`, the request
   * details that park, as the computation on screen did (above 200 parks the core
   * details only the park asked for).
   */
  function exportText(key, format, park) {
    var request = WH.last().request;
    if (!request) return '';
    try {
      var bytes = WH.exportTables(park === undefined ? request : Object.assign({ detail: park }, request), key, format);
      return bytes && bytes.length ? new TextDecoder('utf-8').decode(bytes) : '';
    } catch (e) {
      return '';
    }
  }

  /** Plain TSV from a rendered table (caption first): the fallback when the core gives nothing. */
  function domTsv(table) {
    var cell = function (td) {
      var t = td.textContent.replace(/\s+/g, ' ').trim();
      return /["\t\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
    };
    var lines = table.caption ? [cell(table.caption)] : [];
    return lines.concat(Array.prototype.map.call(table.rows, function (tr) {
      return Array.prototype.map.call(tr.cells, cell).join('\t');
    })).join('\r\n');
  }

  /**
   * 复制此表: the core writes the same layout the page rendered (the table `key`
   * exactly, rows in the order shown), so the copy is the screen, cell for cell,
   * but for the leading quote that defuses formula-like text.
   */
  function copyTable(key, table, order) {
    var view = WH.last().view;
    var text = key ? exportText(key + '@' + (order || []).join(','), 'tsv', view ? view.parkIndex : undefined) : '';
    if (!text) text = domTsv(table);
    copyText(text).then(function (ok) {
      // The rows copied, not the rows on screen: a long split lists 200 and copies all.
      WH.say(ok ? '已复制（' + records(text) + ' 行），可直接粘贴到 Excel / WPS。' : '浏览器不允许写入剪贴板，请选中表格后按 Ctrl+C 复制。', !ok);
    });
  }

  /** The rows of tab-separated text (a line break inside a quoted cell is not a row's end). */
  function records(text) {
    var n = 0;
    var quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (c === 10 && !quoted) n++;
    }
    return text && text.charCodeAt(text.length - 1) !== 10 ? n + 1 : n;
  }

  function copyAll() {
    var text = exportText('', 'tsv');
    if (!text) {
      text = Array.prototype.map.call(document.querySelectorAll('#result table.data'), function (t) {
        return t.offsetParent === null ? '' : domTsv(t);
      }).filter(Boolean).join('\r\n\r\n');
    }
    if (!text) {
      WH.say('没有可复制的结果。', true);
      return;
    }
    copyText(text).then(function (ok) {
      WH.say(ok ? '已复制全部结果表格，可直接粘贴到 Excel / WPS。' : '浏览器不允许写入剪贴板。', !ok);
    });
  }

  function copyText(text) {
    var active = document.activeElement;
    function fallback() {
      var ta = h('textarea', { 'class': 'offscreen', attrs: { readonly: '', 'aria-hidden': 'true' } });
      ta.value = text;
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(ta);
      if (active && active.focus) active.focus();
      return ok;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () {
        return true;
      }, fallback);
    }
    return Promise.resolve(fallback());
  }

  function safeName(name) {
    return String(name).replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 60) || '五好园区';
  }

  function download(bytes, name, mime) {
    var url = URL.createObjectURL(new Blob([bytes], { type: mime }));
    var a = h('a', { attrs: { href: url, download: name } });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
      if (a.parentNode) a.parentNode.removeChild(a);
    }, 2000);
  }

  function exportFile(format) {
    var last = WH.last();
    var report = last.report;
    if (!report || !(report.parks || []).length) {
      WH.say('还没有可导出的结果。', true);
      return;
    }
    var bytes;
    try {
      bytes = WH.exportTables(last.request, '', format);
    } catch (e) {
      bytes = null;
    }
    if (!bytes || !bytes.length) {
      WH.say('导出失败：计算模块没有生成文件。', true);
      return;
    }
    var base = safeName((report.parks.length > 1 ? '园区排名' : last.view.parkName || '园区') + '-五好园区评价-' + periodCn(report.period));
    var mime = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8';
    download(bytes, base + '.' + format, mime);
    WH.say('已导出 ' + base + '.' + format);
  }

  /* ---------- print ---------- */

  var PRINT_PARTS = ['ranking', 'park', 'reach'];

  /**
   * Before printing: the date, and what to print (打印内容: all, the ranking alone, the
   * park in view alone, or its 提分方案 alone) as a class on <html> that the print
   * styles follow; a choice the report cannot give (a ranking of one park) prints all.
   */
  function preparePrint() {
    $('print-date').textContent = todayCn();
    var what = $('print-what') ? $('print-what').value : 'all';
    var root = document.documentElement;
    var has = {
      ranking: !$('ranking-sec').hidden,
      park: true,
      reach: !$('reach-sec').hidden
    };
    var part = has[what] ? what : 'all';
    PRINT_PARTS.forEach(function (p) {
      root.classList.toggle('print-only-' + p, p === part);
    });
    // The title the report gave (得分表, or 排名表 for several parks) unless one part alone is printed.
    var title = $('print-title');
    if (!title.hasAttribute('data-report-title')) title.setAttribute('data-report-title', title.textContent);
    title.textContent = { ranking: '园区排名表', reach: '提分方案' }[part] || title.getAttribute('data-report-title');
  }

  WH.copyTable = copyTable;
  WH.copyAll = copyAll;
  WH.copyText = copyText;
  WH.safeName = safeName;
  WH.download = download;
  WH.exportFile = exportFile;
  WH.preparePrint = preparePrint;
})(window.WH);
