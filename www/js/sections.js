/* sections.js — the section menu (always in view under the title bar) and the reading mode: while the results are read, the input pane gives its width to them. */
(function (WH) {
  'use strict';

  var $ = WH.$;

  // Menu entries: label, the element jumped to, and whether it is part of the results.
  var ENTRIES = [
    ['输入', 'input', false],
    ['总览', 'summary', true],
    ['问题', 'diag-box', false],
    ['排名', 'ranking-sec', true],
    ['得分明细', 'breakdown-sec', true],
    ['进度', 'progress-sec', true],
    ['分解', 'splits-sec', true],
    ['提分', 'reach-sec', true],
    ['方案', 'scheme-panel', false]
  ];

  var reading = false;
  var links = {};
  var ticking = false;

  /** Wide results: the input pane steps aside (only where the two stand side by side). */
  function setReading(on) {
    if (reading === on) return;
    reading = on;
    document.documentElement.classList.toggle('reading', on);
  }

  /** Shown, so it can be jumped to: a hidden section (no split pasted, no ranking) is not listed. */
  function present(el) {
    return !!el && !el.hidden && !(el.closest && el.closest('[hidden]'));
  }

  function jump(id, inResults) {
    var el = $(id);
    if (!el) return;
    setReading(inResults);
    el.scrollIntoView({ block: 'start' });
    markHere();
  }

  /** The entry the reader is at: the last shown section whose top is above a third of the view. */
  function markHere() {
    ticking = false;
    var input = $('input');
    var result = $('result');
    var line = window.innerHeight / 3;
    if (input && result) {
      // Wide while the reader is in the results with the input scrolled away; back
      // beside them at the top of the results, and below them (the scheme panel), so
      // the input is always where the page was left.
      var r = result.getBoundingClientRect();
      var inResults = r.top < line && r.bottom > line;
      var manual = Date.now() - lastInput < 1000;
      if (manual && !reading && inResults && input.getBoundingClientRect().bottom < 0) setReading(true);
      else if (manual && reading && (r.top > 0 || !inResults)) setReading(false);
    }
    var here = null;
    var best = -Infinity;
    ENTRIES.forEach(function (e) {
      var el = $(e[1]);
      var link = links[e[1]];
      if (!link) return;
      var shown = present(el) && !(reading && !e[2] && e[1] !== 'scheme-panel');
      link.hidden = !present(el);
      if (!shown) return;
      var top = el.getBoundingClientRect().top;
      if (top <= line && top > best) {
        best = top;
        here = e[1];
      }
    });
    Object.keys(links).forEach(function (id) {
      var on = id === here;
      links[id].classList.toggle('here', on);
      if (on) links[id].setAttribute('aria-current', 'true');
      else links[id].removeAttribute('aria-current');
    });
  }

  // When the reader last scrolled by hand (wheel, scrolling keys, touch): only such
  // a scroll switches the reading mode, never a scroll made by a script or a jump, so a
  // layout never shifts under a click that scrolled its target into view.
  var lastInput = -Infinity;
  var SCROLL_KEYS = { PageDown: 1, PageUp: 1, ArrowDown: 1, ArrowUp: 1, Home: 1, End: 1, ' ': 1 };
  function byHand(e) {
    // Keys scroll the page only outside a field; a click never does by itself.
    if (e.type === 'keydown' && (!SCROLL_KEYS[e.key] || (e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)))) return;
    lastInput = Date.now();
  }

  function onScroll() {
    if (ticking) return;
    ticking = true;
    window.requestAnimationFrame(markHere);
  }

  function bindSections() {
    var nav = $('sections');
    if (!nav) return;
    ENTRIES.forEach(function (e) {
      var a = WH.h('a', { text: e[0], attrs: { href: '#' + e[1], 'data-section': e[1] } });
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        jump(e[1], e[2]);
      });
      links[e[1]] = a;
      nav.appendChild(a);
    });
    ['wheel', 'keydown', 'touchmove'].forEach(function (type) {
      window.addEventListener(type, byHand, { passive: true, capture: true });
    });
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    markHere();
  }

  WH.bindSections = bindSections;
  /** After each render: sections appear and go (ranking, splits), and the reader's place moves. */
  WH.markSection = markHere;
})(window.WH);
