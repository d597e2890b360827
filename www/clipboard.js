/*! clipboard.js: reads the table Excel or WPS put on the clipboard as text/html, merged cells and full precision. */
/*
 * Excel and WPS put two forms of a copied range on the clipboard: text/plain
 * (tab-separated, the displayed text) and text/html (a <table> whose cells carry
 * colspan/rowspan for merged cells and, in x:num, the full-precision value
 * behind a displayed 63.72% or 148.20). This file turns the HTML form into the
 * same tab-separated text the core reads, with each merged cell's text in its
 * first cell and blanks in the cells it covers (as the plain form has it), and
 * with full-precision numbers where the displayed text only rounded them.
 *
 * The HTML is parsed by the browser's DOMParser into an inert document: no
 * script runs, nothing is rendered or fetched (and the page's CSP forbids any
 * request). Plain ES2019, no dependencies; exposes `window.WuhaoClipboard`.
 */
(function () {
  'use strict';

  var BREAK = '\u0001';

  /** The cell's text: <br> as a line break, other whitespace runs as one space. */
  function cellText(td) {
    var brs = td.getElementsByTagName('br');
    for (var i = brs.length - 1; i >= 0; i--) {
      brs[i].parentNode.replaceChild(td.ownerDocument.createTextNode(BREAK), brs[i]);
    }
    var t = (td.textContent || '').replace(/[ \t\r\n\f]+/g, ' ');
    return t.split(BREAK).map(function (line) { return line.trim(); }).join('\n').trim();
  }

  function decimals(s) {
    var dot = s.indexOf('.');
    return dot < 0 ? 0 : s.length - dot - 1;
  }

  /** A number as JavaScript writes it, without binary noise (0.1 + 0.2 → 0.3). */
  function clean(v) {
    return String(Number(v.toPrecision(15)));
  }

  /**
   * The cell's value: the displayed text, or the full-precision x:num behind it
   * when the display only rounded that number (63.72% for 0.637192 → 63.7192%,
   * 148.20 for 148.2032 → 148.2032). Anything else (dates, text, a display that
   * is not the same number) keeps its displayed text.
   */
  function cellValue(td, shown) {
    var raw = td.getAttribute('x:num');
    if (raw === null || raw === '' || !shown) return { text: shown, precise: false };
    var v = Number(raw);
    if (!isFinite(v)) return { text: shown, precise: false };
    var m = /^(-?)([0-9][0-9,]*(?:\.[0-9]+)?)(%?)$/.exec(shown.replace(/\s/g, ''));
    if (!m) return { text: shown, precise: false };
    var digits = m[2].replace(/,/g, '');
    var shownNum = Number(m[1] + digits);
    var scale = m[3] === '%' ? 100 : 1;
    var full = v * scale;
    var half = 0.5 * Math.pow(10, -decimals(digits));
    if (Math.abs(full - shownNum) > half * (1 + 1e-9) + 1e-12 * Math.abs(full)) return { text: shown, precise: false };
    var text = clean(full);
    // A display that is already the exact number (1,200 for 1200) stays as written.
    if (Number(text) === shownNum) return { text: shown, precise: false };
    return { text: text + m[3], precise: true };
  }

  function quote(cell) {
    if (/[\t\n\r]/.test(cell) || cell.charAt(0) === '"') return '"' + cell.replace(/"/g, '""') + '"';
    return cell;
  }

  /**
   * The first table of an HTML clipboard payload as tab-separated text, or null
   * when there is no table. `merged` counts the merged cells, `precise` the
   * values taken at full precision.
   */
  function fromHtml(html) {
    if (typeof html !== 'string' || html.toLowerCase().indexOf('<table') < 0 || typeof DOMParser === 'undefined') return null;
    var doc;
    try {
      doc = new DOMParser().parseFromString(html, 'text/html');
    } catch (e) {
      return null;
    }
    var table = doc.querySelector('table');
    if (!table) return null;
    var grid = [];
    var merged = 0;
    var precise = 0;
    var rows = table.rows;
    for (var r = 0; r < rows.length; r++) {
      if (!grid[r]) grid[r] = [];
      var c = 0;
      var cells = rows[r].cells;
      for (var k = 0; k < cells.length; k++) {
        while (grid[r][c] !== undefined) c++;
        var td = cells[k];
        var value = cellValue(td, cellText(td));
        if (value.precise) precise++;
        var cs = Math.max(1, Math.min(256, td.colSpan || 1));
        var rs = Math.max(1, Math.min(10000, td.rowSpan || 1));
        if (cs > 1 || rs > 1) merged++;
        for (var dr = 0; dr < rs; dr++) {
          if (!grid[r + dr]) grid[r + dr] = [];
          for (var dc = 0; dc < cs; dc++) grid[r + dr][c + dc] = dr === 0 && dc === 0 ? value.text : '';
        }
        c += cs;
      }
    }
    var lines = grid.map(function (row) {
      var out = [];
      for (var i = 0; i < row.length; i++) out.push(quote(row[i] === undefined ? '' : row[i]));
      while (out.length && out[out.length - 1] === '') out.pop();
      return out.join('\t');
    });
    if (!lines.some(function (l) { return l !== ''; })) return null;
    return { text: lines.join('\n') + '\n', merged: merged, precise: precise };
  }

  window.WuhaoClipboard = { fromHtml: fromHtml };
})();
