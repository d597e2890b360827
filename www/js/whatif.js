/* whatif.js — the what-if (模拟): simulated figures and targets of one pasted park, kept with the inputs; the request's what_if fields; 恢复粘贴数据. */
(function (WH) {
  'use strict';

  var isNum = WH.isNum;

  /*
   * WH.state.whatIf = { park: '<park name>', values: { '<indicator or input>': { value?, target? } } }
   * and WH.state.projected (全年预计). Only one park is simulated at a time (the
   * request's what_if_park); the pasted text is never touched: the core applies
   * the figures to a copy of the parks it read.
   */

  function empty() {
    return { park: '', values: {} };
  }

  /** A short fingerprint of the pasted text: a what-if belongs to the paste it was made on. */
  function fingerprint(text) {
    var x = 5381;
    var step = Math.max(1, Math.floor(text.length / 4096));
    for (var i = 0; i < text.length; i += step) x = ((x * 33) ^ text.charCodeAt(i)) >>> 0;
    return text.length + ':' + x;
  }

  /** The stored what-if, with anything that is not a finite number left out. */
  function current() {
    var w = WH.state.whatIf;
    var out = empty();
    if (!w || typeof w !== 'object') return out;
    out.park = typeof w.park === 'string' ? w.park : '';
    if (typeof w.data === 'string') out.data = w.data;
    var values = w.values && typeof w.values === 'object' ? w.values : {};
    Object.keys(values).forEach(function (name) {
      var v = values[name];
      if (!v || typeof v !== 'object') return;
      var e = {};
      if (isNum(v.value)) e.value = v.value;
      if (isNum(v.target)) e.target = v.target;
      if ('value' in e || 'target' in e) out.values[name] = e;
    });
    return out;
  }

  function count(w) {
    return Object.keys(w.values).length;
  }

  /** What the renderers see of the what-if (a copy). */
  function whatIfView() {
    var w = current();
    return { park: w.park, values: w.values, count: count(w), projected: !!WH.state.projected, printReach: !!WH.state.printReach };
  }

  /** The request with the what-if fields of the automation contract added. */
  function withWhatIf(req) {
    var w = current();
    if ((count(w) || WH.state.projected) && w.data && w.data !== fingerprint(WH.state.data)) {
      // A new paste: the simulated figures were made on another table.
      WH.state.whatIf = empty();
      WH.state.projected = false;
      WH.say('粘贴的数据已更换，原有的模拟数据已清除。');
      return req;
    }
    if (count(w)) req.what_if = w.values;
    if (WH.state.projected) req.projected = true;
    if ((count(w) || WH.state.projected) && w.park) req.what_if_park = w.park;
    return req;
  }

  /** Moves the what-if to `park`; another park's simulated figures are dropped (one park at a time). */
  function forPark(w, park) {
    if (w.park && w.park !== park && (count(w) || WH.state.projected)) {
      WH.say('模拟改为园区“' + park + '”，园区“' + w.park + '”的模拟数据已清除。');
      WH.state.projected = false;
      return { park: park, values: {}, data: fingerprint(WH.state.data) };
    }
    w.park = park;
    w.data = fingerprint(WH.state.data);
    return w;
  }

  /** Sets (a number) or clears (null) one simulated figure: field 'value' or 'target'. */
  function setFigure(park, name, field, value) {
    var w = forPark(current(), park);
    var e = w.values[name] || {};
    if (value === null || !isNum(value)) delete e[field];
    else e[field] = value;
    if ('value' in e || 'target' in e) w.values[name] = e;
    else delete w.values[name];
    WH.state.whatIf = w;
    WH.changed(true);
  }

  /** Simulates a whole plan: each step's figure set to its `to`. */
  function applyPlan(park, steps) {
    var w = forPark(current(), park);
    steps.forEach(function (st) {
      var e = w.values[st.name] || {};
      e.value = st.to;
      w.values[st.name] = e;
    });
    WH.state.whatIf = w;
    WH.changed(true);
    WH.say('已按提分方案模拟（' + steps.length + ' 项），点“恢复粘贴数据”可还原。');
  }

  function setProjected(park, on) {
    var w = forPark(current(), park);
    WH.state.projected = !!on;
    WH.state.whatIf = w;
    WH.changed(true);
  }

  /** 恢复粘贴数据: every simulated figure goes; the pasted text was never changed. */
  function resetWhatIf() {
    WH.state.whatIf = empty();
    WH.state.projected = false;
    WH.changed(true);
    WH.say('已恢复粘贴数据。');
  }

  /** Whether the 提分空间 page is printed (an option kept with the inputs). */
  function setPrintReach(on) {
    WH.state.printReach = !!on;
    document.documentElement.classList.toggle('print-reach', !!on);
    WH.saveState();
  }

  /** Reads a number typed into a what-if box: blank clears it, anything else unreadable is ignored. */
  function typedNumber(text) {
    var t = String(text).trim().replace(/,/g, '');
    if (!t) return null;
    var n = Number(t);
    return isFinite(n) ? n : undefined;
  }

  WH.whatIfView = whatIfView;
  WH.withWhatIf = withWhatIf;
  WH.setWhatIfFigure = setFigure;
  WH.applyPlan = applyPlan;
  WH.setProjected = setProjected;
  WH.resetWhatIf = resetWhatIf;
  WH.setPrintReach = setPrintReach;
  WH.typedNumber = typedNumber;
})(window.WH);
