/* render-reach.js — renders 提分空间 (points to the next grade and rank, the plan, full-marks values), the 模拟 panel and banner (the rows' 模拟 marks come with the tables' layout). */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show, isNum = WH.isNum, fmtNum = WH.fmtNum, fmtPts = WH.fmtPts;

  function simulatedOf(report, park) {
    return (report.what_if || []).filter(function (w) {
      return !park || w.park === park.name;
    });
  }

  function simTag() {
    return h('span', { 'class': 'sim-tag', text: '模拟' });
  }

  /* ---------- the banner: on screen and on paper ---------- */

  function renderBanner(report, view) {
    var el = $('whatif-banner');
    var sims = report.what_if || [];
    show(el, sims.length > 0);
    clear(el);
    if (!sims.length) return;
    var names = [];
    sims.forEach(function (w) {
      var n = w.name + (w.field === 'target' ? '（目标）' : '');
      if (names.indexOf(n) < 0) names.push(n);
    });
    var shown = names.length > 6 ? names.slice(0, 6).join('、') + ' 等 ' + names.length + ' 项' : names.join('、');
    el.appendChild(simTag());
    el.appendChild(document.createTextNode(
      ' 本结果含模拟数据' + (view.whatIf && view.whatIf.projected ? '（按全年预计）' : '') + '：' + (sims[0].park ? '园区“' + sims[0].park + '”的 ' : '') + shown +
      '。这些不是粘贴的实际数据。'
    ));
  }

  /* ---------- 提分空间 ---------- */

  function gradeLines(park) {
    var lines = [];
    var next = park.to_next_grade;
    if (!next) {
      lines.push(h('p', { 'class': 'reach-line', text: '已是最高等次（' + park.grade + '），无需再提分。' }));
    } else {
      lines.push(h('p', { 'class': 'reach-line' }, [
        '现得 ', h('strong', { text: fmtPts(park.total) }), ' 分（' + park.grade + '），距', h('strong', { text: next.grade }),
        next.points_needed > 0 ? '还差 ' : '：分数已够',
        next.points_needed > 0 ? h('strong', { 'class': 'reach-need', text: fmtPts(next.points_needed) }) : '',
        next.points_needed > 0 ? ' 分' : ''
      ]));
      if (next.blocked_by) lines.push(h('p', { 'class': 'reach-blocked bad', text: next.blocked_by }));
    }
    var top = park.to_top_grade;
    if (top && next && top.grade !== next.grade) lines.push(h('p', { 'class': 'reach-line', text: '距最高等次' + top.grade + '还差 ' + fmtPts(top.points_needed) + ' 分。' }));
    if (park.to_next_rank) {
      var r = park.to_next_rank;
      lines.push(h('p', { 'class': 'reach-line', text: '距第 ' + r.rank + ' 名（' + r.park + '）还差 ' + fmtPts(r.points_needed) + ' 分。' }));
    }
    if (park.lead_over_next) {
      var l = park.lead_over_next;
      lines.push(h('p', { 'class': 'reach-line', text: '领先下一名（' + l.park + '）' + fmtPts(l.points) + ' 分。' }));
    }
    return lines;
  }

  // The plan and the full-marks table are laid out by the core (src/export.rs,
  // keys reach:plan:<park> and reach:full:<park>); the page only renders them.
  function planBlock(report, park, view) {
    var next = park.to_next_grade;
    var key = 'reach:plan:' + view.parkIndex;
    var t = WH.tableOf(report, key);
    if (!next || !t) return null;
    var title = h('h3', { text: '达到' + next.grade + '的方案' + (next.blocked_by ? '（尽力而为）' : '') });
    var note = h('p', { 'class': 'muted small', text: '按“每得 1 分所需的增幅”从小到大排列（最容易做到的在前）；已把方案代入整张表重新计分核对。' });
    var btn = h('button', {
      'class': 'no-print',
      text: '按此方案模拟',
      attrs: { type: 'button', id: 'btn-apply-plan' },
      on: {
        click: function () {
          WH.applyPlan(park.name, next.plan);
        }
      }
    });
    return h('div', { 'class': 'reach-plan' }, [title, WH.tableBlock(WH.layoutTable(t, { id: 'reach-plan', foot: true }), key), note, btn]);
  }

  function fullMarksBlock(report, view) {
    var key = 'reach:full:' + view.parkIndex;
    var t = WH.tableOf(report, key);
    if (!t) return h('p', { 'class': 'reach-line', text: '各项指标均已得满分。' });
    return h('div', null, [h('h3', { text: '各项指标达到满分所需' }), WH.tableBlock(WH.layoutTable(t, { id: 'reach-full' }), key)]);
  }

  function renderReachSection(report, view) {
    var park = view.park;
    var sec = $('reach-sec');
    var box = clear($('reach-box'));
    show(sec, !!park && park.detailed !== false);
    if (!park || park.detailed === false) return;
    box.appendChild(h('p', { 'class': 'reach-park muted', text: '园区：' + (view.parkName || park.name) }));
    gradeLines(park).forEach(function (l) {
      box.appendChild(l);
    });
    var plan = planBlock(report, park, view);
    if (plan) box.appendChild(plan);
    box.appendChild(fullMarksBlock(report, view));
    var printIt = h('input', { attrs: { type: 'checkbox', id: 'print-reach' } });
    printIt.checked = !!(view.whatIf && view.whatIf.printReach);
    printIt.addEventListener('change', function () {
      WH.setPrintReach(printIt.checked);
    });
    box.appendChild(h('label', { 'class': 'no-print block' }, [printIt, ' 打印时另起一页附上“提分空间”']));
    document.documentElement.classList.toggle('print-reach', !!(view.whatIf && view.whatIf.printReach));
  }

  /* ---------- the 模拟 panel ---------- */

  // Methods that score without the park's annual target (its 目标 column shows the benchmark or nothing).
  var NO_TARGET = { '标杆值': true, '直接打分': true, '扣分': true };

  function numberBox(park, name, field, current, label) {
    var box = h('input', { 'class': 'whatif-num', attrs: { type: 'text', inputmode: 'decimal', 'aria-label': name + label, 'data-name': name, 'data-field': field, size: 9 } });
    box.value = isNum(current) ? String(current) : '';
    box.addEventListener('change', function () {
      var n = WH.typedNumber(box.value);
      if (n === undefined) {
        WH.say('“' + name + '”的模拟' + label + '不是数字，未采用。', true);
        return;
      }
      WH.setWhatIfFigure(park, name, field, n);
    });
    return box;
  }

  function renderWhatIfPanel(report, view) {
    var park = view.park;
    var sec = $('whatif-sec');
    var box = clear($('whatif-box'));
    show(sec, !!park && park.detailed !== false);
    if (!park || park.detailed === false) return;
    var w = view.whatIf || { park: '', values: {}, count: 0, projected: false };
    var mine = !w.park || w.park === park.name;
    var sims = simulatedOf(report, park);
    var pasted = {};
    sims.forEach(function (s) {
      pasted[s.name + '|' + s.field] = s.pasted;
    });
    var projected = h('input', { attrs: { type: 'checkbox', id: 'whatif-projected' } });
    projected.checked = mine && !!w.projected;
    projected.addEventListener('change', function () {
      WH.setProjected(park.name, projected.checked);
    });
    var reset = h('button', { text: '恢复粘贴数据', attrs: { type: 'button', id: 'btn-whatif-reset' }, on: { click: WH.resetWhatIf } });
    reset.disabled = !(w.count || w.projected);
    box.appendChild(h('div', { 'class': 'row' }, [
      h('label', null, [projected, ' 按全年预计模拟（收入、税收、投资等流量取全年预计；面积、容积率、占比、增速、事故不变）']), reset
    ]));
    if (!mine && (w.count || w.projected)) box.appendChild(h('p', { 'class': 'note', text: '当前模拟的是园区“' + w.park + '”；在此修改将改为模拟本园区。' }));
    box.appendChild(h('p', { 'class': 'muted small', text: '在“模拟值”“模拟目标”中填数即重新计算全部结果（含进度和排名）；清空即恢复该项。粘贴的原始表格不会被修改。' }));
    var rows = (park.indicators || []).map(function (ind) {
      var sv = mine ? (w.values[ind.name] || {}) : {};
      var valueSim = isNum(sv.value) || (ind.name + '|value') in pasted;
      var pastedValue = (ind.name + '|value') in pasted ? pasted[ind.name + '|value'] : ind.value;
      var pastedTarget = (ind.name + '|target') in pasted ? pasted[ind.name + '|target'] : ind.target;
      return {
        cls: ind.simulated ? 'simulated' : '',
        cells: [ind.name, ind.unit, fmtNum(pastedValue), h('span', null, [numberBox(park.name, ind.name, 'value', sv.value, '值'), valueSim ? simTag() : '']),
          fmtNum(pastedTarget), NO_TARGET[ind.method] ? '' : numberBox(park.name, ind.name, 'target', sv.target, '目标')]
      };
    });
    ((view.scheme && view.scheme.inputs) || []).forEach(function (inp) {
      var sv = mine ? (w.values[inp.name] || {}) : {};
      var p = (inp.name + '|value') in pasted ? pasted[inp.name + '|value'] : null;
      rows.push({
        cls: isNum(sv.value) ? 'simulated input-row' : 'input-row',
        cells: [inp.name + '（数据项）', inp.unit || '', isNum(p) ? fmtNum(p) : '—', h('span', null, [numberBox(park.name, inp.name, 'value', sv.value, '值'), isNum(sv.value) ? simTag() : '']), '—', '']
      });
    });
    box.appendChild(WH.tableBlock(WH.makeTable({
      id: 'whatif-table',
      columns: [{ label: '指标或数据项', cls: 'name' }, { label: '单位', cls: 'nowrap' }, { label: '粘贴值', num: true }, { label: '模拟值' },
        { label: '目标或标杆', num: true }, { label: '模拟目标' }],
      rows: rows
    }), null));
  }

  function renderReach(report, view) {
    renderBanner(report, view);
    renderReachSection(report, view);
    renderWhatIfPanel(report, view);
  }

  WH.renderReach = renderReach;
})(window.WH);
