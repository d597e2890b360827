/* base.js — the page's namespace (window.WH), DOM helpers and number formatting (presentation only). */
(function (WH) {
  'use strict';

  // The page only gathers inputs, calls the Rust core (wasm) and renders what the
  // core reports; every number shown comes from the core. Its scripts (www/js/,
  // loaded in order by index.html, inlined by the build) are ES2019 at most (no
  // ?. ?? or class fields: office browsers run Chromium 86-class kernels) and share
  // this one object, window.WH; none adds another global but window.wuhao (core.js).
  // Pasted text and scheme fields are hostile by assumption: everything reaches
  // the DOM through textContent, .value or createElement, never innerHTML.

  /* ---------- small DOM helpers ---------- */

  function $(id) {
    return document.getElementById(id);
  }

  function clear(node) {
    // One operation rather than one removal per child: big tables empty at once.
    node.textContent = '';
    return node;
  }

  function append(node, children) {
    if (children === undefined || children === null) return node;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return node;
  }

  /** Creates an HTML element. props: class, id, text, title, attrs, on. */
  function h(tag, props, children) {
    var e = document.createElement(tag);
    props = props || {};
    if (props['class']) e.className = props['class'];
    if (props.id) e.id = props.id;
    if (props.text !== undefined && props.text !== null) e.textContent = String(props.text);
    if (props.title) e.title = props.title;
    var attrs = props.attrs || {};
    Object.keys(attrs).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, String(attrs[k]));
    });
    var on = props.on || {};
    Object.keys(on).forEach(function (k) {
      e.addEventListener(k, on[k]);
    });
    return append(e, children);
  }

  var SVGNS = 'http://www.w3.org/2000/svg';

  /** Creates an SVG element with attributes; text goes in through textContent. */
  function s(tag, attrs, children) {
    var e = document.createElementNS(SVGNS, tag);
    attrs = attrs || {};
    Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = String(attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, String(attrs[k]));
    });
    return append(e, children);
  }

  function show(node, on) {
    node.hidden = !on;
  }

  /* ---------- number formatting (presentation only) ---------- */

  function isNum(v) {
    return typeof v === 'number' && isFinite(v);
  }

  function fmtNum(v) {
    if (!isNum(v)) return '—';
    if (Math.abs(v) >= 1e12) return v.toExponential(4);
    var r = Math.round(v * 10000) / 10000;
    if (r === 0) r = 0; // never print "-0"
    return String(r);
  }

  /** A score as printed: the core's Points are whole hundredths already, so this only formats. */
  function fmtPts(v) {
    return isNum(v) ? v.toFixed(2) : '—';
  }

  function fmtPct(v) {
    return isNum(v) ? (Math.round(v * 100) / 100).toFixed(2) + '%' : '—';
  }

  function fmtPp(v) {
    if (!isNum(v)) return '—';
    var t = (Math.round(v * 100) / 100).toFixed(2);
    return v > 0 ? '+' + t : t;
  }

  function pad2(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function todayIso() {
    var d = new Date();
    return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate());
  }

  function todayCn() {
    var d = new Date();
    return d.getFullYear() + '年' + (d.getMonth() + 1) + '月' + d.getDate() + '日';
  }

  function periodCn(p) {
    return p ? p.year + '年' + p.month + '月' : '';
  }

  function clone(v) {
    return v === null || v === undefined ? v : JSON.parse(JSON.stringify(v));
  }

  WH.$ = $;
  WH.clear = clear;
  WH.append = append;
  WH.h = h;
  WH.s = s;
  WH.show = show;
  WH.isNum = isNum;
  WH.fmtNum = fmtNum;
  WH.fmtPts = fmtPts;

  /** True when a park's total lacks indicators scored 缺数据 (the report's `unscored_items`). */
  function isPartial(p) {
    return !!(p && p.unscored_items > 0);
  }

  /** The grade as shown: 未定级 when the total is partial (the core's `grade_shown`). */
  function gradeShown(p) {
    if (!isPartial(p)) return p.grade || '';
    return p.grade ? '未定级（已计分部分为' + p.grade + '）' : '未定级';
  }

  /** The mark of a partial total (the core's `partial_mark`), or ''. */
  function partialMark(p) {
    if (!isPartial(p)) return '';
    return '部分得分，' + p.unscored_items + ' 项指标未计分，未计入 ' + fmtNum(p.unscored_points) + ' 分';
  }
  WH.isPartial = isPartial;
  WH.gradeShown = gradeShown;
  WH.partialMark = partialMark;
  WH.fmtPct = fmtPct;
  WH.fmtPp = fmtPp;
  WH.pad2 = pad2;
  WH.todayIso = todayIso;
  WH.todayCn = todayCn;
  WH.periodCn = periodCn;
  WH.clone = clone;
})((window.WH = {}));
