/* read-fix.js — corrections of the reading: the role, unit and shape the user gives pasted columns, kept with the inputs. */
(function (WH) {
  'use strict';

  var h = WH.h;

  // The keys the core reads (`read_overrides`, `shape`; README, "Automation contract").
  var ROLES = [['', '自动'], ['target', '年度目标'], ['actual', '累计完成'], ['last_year', '上年同期'], ['ignore', '不采用'],
    ['indicator', '指标名称'], ['unit', '单位列'], ['park', '园区名称'], ['note', '备注']];
  var UNITS = ['', '亿元', '万元', '千元', '元', '%', '个', '件', '家', '项', '亩', '公顷', '人'];
  var SHAPES = [['', '自动识别'], ['indicator_rows', '指标按行（单个园区）'], ['park_rows', '园区按行'],
    ['park_columns', '园区按列'], ['role_rows', '口径按行（年度目标、累计完成各一行）']];

  /**
   * The head of the paste a correction belongs to: its lines down to the header
   * row. Editing a figure keeps the correction; pasting a different table drops it.
   */
  function keyOf(data, headerRow) {
    var lines = String(data || '').split(/\r\n|\n|\r/);
    return lines.slice(0, Math.max(1, Number(headerRow) || 1)).join('\n');
  }

  /** The correction saved for the paste now in the box, or null. */
  function current(state) {
    var f = state.readFix;
    if (!f || typeof f !== 'object' || typeof f.key !== 'string' || !Array.isArray(f.columns)) return null;
    return keyOf(state.data, f.headerRow) === f.key ? f : null;
  }

  /** Adds the correction in force to a request; a correction of another table is dropped. */
  function addReadFix(req) {
    var f = current(WH.state);
    if (!f) {
      if (WH.state.readFix) WH.state.readFix = null;
      return req;
    }
    var overrides = [];
    f.columns.forEach(function (c) {
      if (!c || !(c.role || c.unit)) return;
      var o = { column: Number(c.column) };
      if (c.role) o.role = String(c.role);
      if (c.unit) o.unit = String(c.unit);
      overrides.push(o);
    });
    if (overrides.length) req.read_overrides = overrides;
    if (f.shape) req.shape = String(f.shape);
    return req;
  }

  /** The correction to change: the one in force, or a new one for this paste. */
  function editable(headerRow) {
    return current(WH.state) || { key: keyOf(WH.state.data, headerRow), headerRow: Number(headerRow) || 1, columns: [], shape: '' };
  }

  function keep(f) {
    f.columns = f.columns.filter(function (c) {
      return c.role || c.unit;
    });
    WH.state.readFix = f.columns.length || f.shape ? f : null;
    WH.changed(true);
  }

  /** Sets column `col`'s (1-based) `what` ('role' | 'unit') to `value` ('' for as read). */
  function fixColumn(col, what, value, headerRow) {
    var f = editable(headerRow);
    var entry = f.columns.filter(function (c) {
      return c.column === col;
    })[0];
    if (!entry) {
      entry = { column: col, role: '', unit: '' };
      f.columns.push(entry);
    }
    entry[what] = value;
    keep(f);
  }

  function fixShape(shape, headerRow) {
    var f = editable(headerRow);
    f.shape = shape;
    keep(f);
  }

  function clearReadFix() {
    WH.state.readFix = null;
    WH.changed(true);
  }

  /* ---------- the controls (rendered by render-read.js) ---------- */

  // A province paste has some forty columns, each with a role and a unit select:
  // 82 <select>s and 900 <option>s, which cost more to build, style and lay out
  // than the rest of the read-back (and the read-back shows below the report).
  // Each is first a plain stand-in showing the same text at the same width (CSS);
  // the selects take their places after the report's first frame, or at once when
  // the user reaches for one.
  var pending = [];
  var swapScheduled = false;

  function swapPending() {
    swapScheduled = false;
    var list = pending;
    pending = [];
    list.forEach(function (swap) {
      swap();
    });
  }

  function scheduleSwap() {
    if (swapScheduled) return;
    swapScheduled = true;
    var later = function () {
      setTimeout(swapPending, 0);
    };
    if (window.requestAnimationFrame) requestAnimationFrame(later);
    else later();
  }

  function select(options, value, label, onChange) {
    var el = h('select', { attrs: { 'aria-label': label } }, options.map(function (o) {
      var v = Array.isArray(o) ? o[0] : o;
      return h('option', { text: Array.isArray(o) ? o[1] : (o || '自动'), attrs: { value: v } });
    }));
    el.value = value || '';
    el.addEventListener('change', function () {
      onChange(el.value);
    });
    return el;
  }

  /** A select of class `cls` for column `col`, first as its stand-in (see above). */
  function columnSelect(options, value, label, onChange, cls, col) {
    var shown = options.filter(function (o) {
      return (Array.isArray(o) ? o[0] : o) === (value || '');
    })[0];
    var text = shown === undefined ? '' : Array.isArray(shown) ? shown[1] : (shown || '自动');
    var stub = h('span', { 'class': 'fix-stub ' + cls, text: text, attrs: { 'data-col': col, 'aria-hidden': 'true' } });
    var swap = function () {
      if (!stub.parentNode) return;
      var el = select(options, value, label, onChange);
      el.className = cls;
      el.setAttribute('data-col', col);
      stub.parentNode.replaceChild(el, stub);
      return el;
    };
    stub.addEventListener('mousedown', function (e) {
      e.preventDefault();
      var el = swap();
      if (el) el.focus();
    });
    pending.push(swap);
    scheduleSwap();
    return stub;
  }

  /** The role and unit selects of one column of `read`, showing the correction `fix` (view.readFix). */
  function columnControls(read, fix, col) {
    var mine = (fix && Array.isArray(fix.columns) ? fix.columns : []).filter(function (c) {
      return c.column === col;
    })[0] || {};
    var role = columnSelect(ROLES, mine.role, '第 ' + col + ' 列的用途', function (v) {
      fixColumn(col, 'role', v, read.header_row);
    }, 'fix-role', col);
    var unit = columnSelect(UNITS, mine.unit, '第 ' + col + ' 列的单位', function (v) {
      fixColumn(col, 'unit', v, read.header_row);
    }, 'fix-unit', col);
    return h('span', { 'class': 'read-fix' }, [role, ' ', unit]);
  }

  /** The shape select and, when a correction is in force, the button that clears it. */
  function shapeControls(read, fix) {
    var shape = select(SHAPES, fix && fix.shape, '表格结构', function (v) {
      fixShape(v, read.header_row);
    });
    shape.id = 'fix-shape';
    var parts = ['读错时可更正：表格结构 ', shape];
    if (fix) {
      parts.push(' ', h('button', { id: 'btn-fix-clear', text: '清除更正', attrs: { type: 'button' }, on: { click: clearReadFix } }));
    }
    return h('p', { 'class': 'read-fix-shape no-print' }, parts);
  }

  // A different table typed or pasted into the box drops its corrections before
  // the save that follows (the document hears the input after the box's own handler).
  document.addEventListener('input', function (e) {
    if (e.target && e.target.id === 'data' && WH.state.readFix && !current(WH.state)) WH.state.readFix = null;
  });

  WH.addReadFix = addReadFix;
  WH.readFixCurrent = current;
  WH.readFixColumnControls = columnControls;
  WH.readFixShapeControls = shapeControls;
})(window.WH);
