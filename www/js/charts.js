/* charts.js — the SVG charts: five dimensions, progress against time progress, the ranking. */
(function (WH) {
  'use strict';

  var s = WH.s, isNum = WH.isNum, fmtNum = WH.fmtNum, fmtPts = WH.fmtPts, fmtPct = WH.fmtPct;

  /* ---------- charts ---------- */

  var chartSeq = 0;

  /** Hatch patterns so bars read in black and white as well as colour. */
  function chartDefs(prefix) {
    function hatch(id, color, angle, bg) {
      return s('pattern', { id: prefix + id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(' + angle + ')' }, [
        s('rect', { width: 6, height: 6, fill: bg }),
        s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: color, 'stroke-width': 3 })
      ]);
    }
    function cross(id, color, bg) {
      return s('pattern', { id: prefix + id, width: 6, height: 6, patternUnits: 'userSpaceOnUse' }, [
        s('rect', { width: 6, height: 6, fill: bg }),
        s('path', { d: 'M0 0L6 6M6 0L0 6', stroke: color, 'stroke-width': 1.4 })
      ]);
    }
    return s('defs', null, [
      hatch('score', '#1f4e79', 45, '#9dc3e6'),
      hatch('ahead', '#2e7d32', 0, '#a5d6a7'),
      hatch('slight', '#8d6e00', 45, '#ffe082'),
      cross('far', '#b71c1c', '#ef9a9a')
    ]);
  }

  function svgRoot(width, height, label) {
    var prefix = 'c' + (++chartSeq) + '-';
    var root = s('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'aria-label': label, preserveAspectRatio: 'xMinYMin meet', 'class': 'svgchart' });
    root.appendChild(s('title', { text: label }));
    root.appendChild(chartDefs(prefix));
    return { root: root, prefix: prefix };
  }

  function clip(text, max) {
    var t = String(text);
    return t.length > max ? t.slice(0, max - 1) + '…' : t;
  }

  /** Each dimension: an outlined bar for its weight and a hatched bar for the score. */
  function dimensionsChart(dims) {
    var rowH = 34;
    var left = 96;
    var width = 460;
    var plot = width - left - 90;
    var height = dims.length * rowH + 30;
    var maxW = Math.max.apply(null, dims.map(function (d) {
      return isNum(d.weight) ? d.weight : 0;
    }).concat([1]));
    var c = svgRoot(width, height, '五个维度：得分与满分');
    dims.forEach(function (d, i) {
      var y = 8 + i * rowH;
      var ww = plot * Math.max(0, d.weight || 0) / maxW;
      var sw = plot * Math.max(0, Math.min(d.score || 0, d.weight || 0)) / maxW;
      c.root.appendChild(s('text', { x: left - 6, y: y + 15, 'text-anchor': 'end', 'class': 'lbl', text: clip(d.name, 7) }));
      c.root.appendChild(s('rect', { x: left, y: y + 2, width: ww, height: 20, fill: '#fff', stroke: '#333', 'stroke-width': 1 }));
      c.root.appendChild(s('rect', { x: left, y: y + 2, width: sw, height: 20, fill: 'url(#' + c.prefix + 'score)', stroke: '#1f4e79', 'stroke-width': 1 }));
      c.root.appendChild(s('text', { x: left + ww + 6, y: y + 16, 'class': 'val', text: fmtPts(d.score) + ' / ' + fmtNum(d.weight) }));
    });
    var ly = height - 12;
    c.root.appendChild(s('rect', { x: left, y: ly - 9, width: 14, height: 10, fill: 'url(#' + c.prefix + 'score)', stroke: '#1f4e79' }));
    c.root.appendChild(s('text', { x: left + 18, y: ly, 'class': 'legend', text: '得分' }));
    c.root.appendChild(s('rect', { x: left + 60, y: ly - 9, width: 14, height: 10, fill: '#fff', stroke: '#333' }));
    c.root.appendChild(s('text', { x: left + 78, y: ly, 'class': 'legend', text: '满分（权重）' }));
    return c.root;
  }

  /** Completion per indicator against the time-progress line; fill and label by status. */
  function progressChart(rows) {
    var shown = rows.filter(function (r) {
      return isNum(r.completion);
    });
    if (!shown.length) return null;
    var rowH = 22;
    var left = 200;
    var width = 680;
    var plot = width - left - 130;
    var top = 22;
    var height = top + shown.length * rowH + 34;
    var maxPct = Math.max(100, Math.min(200, Math.max.apply(null, shown.map(function (r) {
      return r.completion;
    }))));
    var x = function (pct) {
      return left + plot * Math.max(0, Math.min(pct, maxPct)) / maxPct;
    };
    var c = svgRoot(width, height, '各指标完成率与序时进度');
    [0, 50, 100, 150, 200].filter(function (t) {
      return t <= maxPct;
    }).forEach(function (t) {
      c.root.appendChild(s('line', { x1: x(t), y1: top - 4, x2: x(t), y2: top + shown.length * rowH, stroke: '#ccc', 'stroke-width': 0.6 }));
      c.root.appendChild(s('text', { x: x(t), y: top - 8, 'text-anchor': 'middle', 'class': 'tick', text: t + '%' }));
    });
    shown.forEach(function (r, i) {
      var y = top + i * rowH;
      var key = r.status_key === 'ahead' || r.status_key === 'slight' || r.status_key === 'far' ? r.status_key : 'slight';
      c.root.appendChild(s('text', { x: left - 6, y: y + 15, 'text-anchor': 'end', 'class': 'lbl', text: clip(r.name, 14) }, [s('title', { text: r.name })]));
      c.root.appendChild(s('rect', { x: left, y: y + 4, width: Math.max(0.5, x(r.completion) - left), height: 14, fill: 'url(#' + c.prefix + key + ')', stroke: '#333', 'stroke-width': 0.6 }));
      if (isNum(r.time_progress)) {
        c.root.appendChild(s('line', { x1: x(r.time_progress), y1: y + 1, x2: x(r.time_progress), y2: y + 21, stroke: '#000', 'stroke-width': 1.6, 'stroke-dasharray': '3 2' }));
      }
      c.root.appendChild(s('text', { x: left + plot + 10, y: y + 15, 'class': 'val', text: fmtPct(r.completion) + ' ' + r.status }));
    });
    var ly = height - 10;
    var lx = left;
    [['ahead', '超序时进度'], ['slight', '略低于'], ['far', '严重低于']].forEach(function (p) {
      c.root.appendChild(s('rect', { x: lx, y: ly - 9, width: 14, height: 10, fill: 'url(#' + c.prefix + p[0] + ')', stroke: '#333', 'stroke-width': 0.6 }));
      c.root.appendChild(s('text', { x: lx + 18, y: ly, 'class': 'legend', text: p[1] }));
      lx += 80;
    });
    c.root.appendChild(s('line', { x1: lx, y1: ly - 10, x2: lx, y2: ly + 2, stroke: '#000', 'stroke-width': 1.6, 'stroke-dasharray': '3 2' }));
    c.root.appendChild(s('text', { x: lx + 6, y: ly, 'class': 'legend', text: '序时进度' }));
    return c.root;
  }

  /** Bars of the leading parks' totals; `all` is how many parks there are in all. */
  var RANK_LEFT = 170;
  var RANK_PLOT = 680 - RANK_LEFT - 90;

  function rankingLabel(parks, all) {
    return all > parks.length ? '总分前 ' + parks.length + ' 名（共 ' + all + ' 个园区）' : '各园区总分';
  }

  function rankingMax(parks, total) {
    return Math.max(isNum(total) ? total : 100, Math.max.apply(null, parks.map(function (p) {
      return p.total || 0;
    })));
  }

  function rankingChart(parks, total, all) {
    var rowH = 24;
    var left = RANK_LEFT;
    var width = 680;
    var plot = RANK_PLOT;
    var height = parks.length * rowH + 12;
    var max = rankingMax(parks, total);
    var c = svgRoot(width, height, rankingLabel(parks, all));
    var bars = [];
    // One row's elements are made once and cloned for every park, setting only
    // what differs: a province has 150 parks, and setting every attribute of
    // every element was most of the time spent on this chart. The elements and
    // their attributes come out as before.
    var tpl = [
      s('text', { x: left - 6, y: 0, 'text-anchor': 'end', 'class': 'lbl' }, [s('title')]),
      s('rect', { x: left, y: 0, width: plot, height: 16, fill: '#fff', stroke: '#999', 'stroke-width': 0.6 }),
      s('rect', { x: left, y: 0, width: 0, height: 16, fill: 'url(#' + c.prefix + 'score)', stroke: '#1f4e79', 'stroke-width': 0.8 }),
      s('text', { x: left + plot + 6, y: 0, 'class': 'val' })
    ];
    var frag = document.createDocumentFragment();
    parks.forEach(function (p, i) {
      var y = 4 + i * rowH;
      var w = plot * Math.max(0, p.total || 0) / (max || 1);
      var lbl = tpl[0].cloneNode(true);
      var back = tpl[1].cloneNode(false);
      var bar = tpl[2].cloneNode(false);
      var val = tpl[3].cloneNode(false);
      lbl.setAttribute('y', String(y + 15));
      lbl.insertBefore(document.createTextNode(clip(p.rank + '. ' + p.name, 14)), lbl.firstChild);
      lbl.lastChild.textContent = String(p.name);
      back.setAttribute('y', String(y + 3));
      bar.setAttribute('y', String(y + 3));
      bar.setAttribute('width', String(w));
      val.setAttribute('y', String(y + 15));
      val.textContent = fmtPts(p.total) + ' ' + (WH.isPartial(p) ? '未定级' : (p.grade || ''));
      frag.appendChild(lbl);
      frag.appendChild(back);
      frag.appendChild(bar);
      frag.appendChild(val);
      bars.push({ lbl: lbl, bar: bar, val: val });
    });
    c.root.appendChild(frag);
    // What patchRankingChart updates in place.
    c.root.__bars = bars;
    return c.root;
  }

  /**
   * Brings a chart rankingChart made up to date with `parks` (as many as it has
   * bars, under the same caption) in place: labels, bar widths and values; true
   * when done, false when the chart must be made anew.
   */
  function patchRankingChart(svg, parks, total, all) {
    var bars = svg && svg.__bars;
    if (!bars || bars.length !== parks.length || svg.getAttribute('aria-label') !== rankingLabel(parks, all)) return false;
    var max = rankingMax(parks, total);
    var set = function (el, name, value) {
      if (el.getAttribute(name) !== value) el.setAttribute(name, value);
    };
    parks.forEach(function (p, i) {
      var b = bars[i];
      var label = clip(p.rank + '. ' + p.name, 14);
      if (b.lbl.firstChild.data !== label) b.lbl.firstChild.data = label;
      if (b.lbl.lastChild.textContent !== String(p.name)) b.lbl.lastChild.textContent = String(p.name);
      set(b.bar, 'width', String(RANK_PLOT * Math.max(0, p.total || 0) / (max || 1)));
      var val = fmtPts(p.total) + ' ' + (WH.isPartial(p) ? '未定级' : (p.grade || ''));
      if (b.val.textContent !== val) b.val.textContent = val;
    });
    return true;
  }

  WH.dimensionsChart = dimensionsChart;
  WH.progressChart = progressChart;
  WH.rankingChart = rankingChart;
  WH.patchRankingChart = patchRankingChart;
})(window.WH);
