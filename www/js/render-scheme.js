/* render-scheme.js — renders the scheme panel (评价方案): official rules beside their readings, editable weights, methods and parameters. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, isNum = WH.isNum, fmtNum = WH.fmtNum;

  /* ---------- scheme panel ---------- */

  var METHODS = {
    completion: '完成率法', benchmark: '标杆值法', efficacy: '功效系数法', min_max: '极值法', tiers: '分档计分',
    base_period: '基期法', rate_vs_target: '增速对比法', direct: '直接打分', deduct: '扣分法',
    linear: '差额计分', rank: '排名计分', pending: '待定'
  };
  var PARAMS = {
    cap: '封顶倍数', value: '标杆值', satisfactory: '满意值', unacceptable: '不允许值', base_share: '基础分比例',
    step_pct: '每增长(%)', step_points: '加分', bonus_share: '加分上限比例',
    benchmark: '标杆值', step: '每', minus: '扣分', plus: '加分', plus_cap: '最多加', share: '基准得分比例', floor: '最低分',
    first: '第1名得分', top: '前几名满分'
  };
  var NULLABLE = { satisfactory: true, unacceptable: true, benchmark: true, plus_cap: true, first: true };
  var AGAINST = { target: '对照目标', average: '对照平均值', benchmark: '对照标杆值' };
  var GAP = { relative: '按完成率差（百分点）', absolute: '按数值差' };

  /** A new method of `type` with parameters to start from; the user edits them in the table. */
  function methodOf(type, ind) {
    var w = isNum(ind.weight) ? ind.weight : 0;
    switch (type) {
      case 'completion': return { type: type, cap: 1 };
      case 'benchmark': return { type: type, value: isNum(ind.method && ind.method.value) ? ind.method.value : 1 };
      case 'efficacy': return { type: type, satisfactory: null, unacceptable: null };
      case 'tiers': return { type: type, basis: 'completion', tiers: [{ min: 100, points: w }] };
      case 'base_period': return { type: type, base_share: 0.8, step_pct: 5, step_points: 1, bonus_share: 0.5 };
      case 'linear': return { type: type, against: 'target', benchmark: null, gap: 'relative', step: 1, minus: 0.2, plus: 0, plus_cap: null, share: 1, floor: 0, average_input: null };
      case 'rank': return { type: type, first: null, step: 0.5, top: 1, tiers: [], floor: 0, rank_input: null };
      case 'pending': return { type: type, why: '人工标为待定' };
      default: return { type: type };
    }
  }

  /** The method cell: a choice of every method but 扣分法 (whose items are set in the scheme file). */
  function methodSelect(sc, ind, i) {
    var type = (ind.method || {}).type;
    var sel = h('select', { attrs: { 'aria-label': ind.name + ' 计分方法' } }, Object.keys(METHODS).filter(function (k) {
      return k !== 'deduct' || k === type;
    }).map(function (k) {
      return h('option', { text: METHODS[k], attrs: { value: k } });
    }));
    sel.value = type;
    sel.addEventListener('change', function () {
      var chosen = sel.value;
      WH.editScheme(function (s) {
        var target = s.indicators[i];
        target.method = methodOf(chosen, target);
        (s.rules || []).forEach(function (r) {
          if (r.item !== target.name) return;
          r.reading = '已人工改为：' + METHODS[chosen] + '（参数见指标表，请核对）';
          r.understood = chosen !== 'pending';
        });
      }, true);
      // The parameters differ per method: the panel is drawn again from the edited scheme.
      WH.showSchemePanel();
    });
    return sel;
  }

  /** A choice among `options` for a text field of the method (against, gap). */
  function choice(ind, i, key, options) {
    var sel = h('select', { attrs: { 'aria-label': ind.name + ' ' + key } }, Object.keys(options).map(function (k) {
      return h('option', { text: options[k], attrs: { value: k } });
    }));
    sel.value = ind.method[key];
    sel.addEventListener('change', function () {
      WH.editScheme(function (s) {
        s.indicators[i].method[key] = sel.value;
      }, true);
    });
    return sel;
  }

  function renderSchemeHead(report, view) {
    $('scheme-title').textContent = report.scheme.name + (view.scheme && view.scheme.year ? '（' + view.scheme.year + ' 年）' : '');
    $('scheme-source').textContent = view.schemeLabel ? '（' + view.schemeLabel + '）' : '（内置方案）';
  }

  /** Points of the indicators whose rule was not understood (待定). */
  function pendingOf(sc) {
    var out = { count: 0, points: 0 };
    (sc.indicators || []).forEach(function (ind) {
      if (ind.method && ind.method.type === 'pending') {
        out.count += 1;
        out.points += isNum(ind.weight) ? ind.weight : 0;
      }
    });
    return out;
  }

  /** The official rules as pasted beside how each was read; a rule not understood is marked and links to its cell. */
  function renderReadings(box, sc) {
    var rules = sc.rules || [];
    if (!rules.length) return;
    var pending = pendingOf(sc);
    box.appendChild(h('h3', { text: '评分标准与读法' }));
    box.appendChild(h('p', { id: 'scheme-pending', 'class': pending.count ? 'bad' : 'muted', text: pending.count
      ? '共 ' + pending.count + ' 项指标、' + fmtNum(pending.points) + ' 分待定（评分标准未能读懂，计为缺数据）：请在下方指标表中选定计分方法。'
      : '每条评分标准都已读出，请逐条核对“读作”。' }));
    var byName = {};
    (sc.indicators || []).forEach(function (ind) {
      byName[ind.name] = ind;
    });
    box.appendChild(WH.makeTable({
      id: 'scheme-readings',
      cls: 'compact',
      columns: [{ label: '指标' }, { label: '评分标准（原文）' }, { label: '读作' }, { label: '计分方法' }],
      rows: rules.map(function (r) {
        var ind = byName[r.item];
        var where = r.row ? h('button', { 'class': 'linklike', text: '原表第 ' + r.row + ' 行', attrs: { type: 'button', title: '在粘贴的方案中选中这条评分标准' }, on: { click: function () {
          WH.selectCell('scheme', null, r.row, r.col);
        } } }) : null;
        return {
          cls: r.understood ? '' : 'rule-pending',
          cells: [h('span', null, [r.item, where ? h('br') : null, where]), r.text, h('span', { 'class': r.understood ? '' : 'bad', text: r.reading }),
            ind ? METHODS[ind.method.type] || ind.method.type : '（加减分、等次）']
        };
      })
    }));
  }

  /** An edit of one scheme figure goes to the controller (WH.editScheme), which keeps the user's copy. */
  function edits(apply) {
    return function (v, now) {
      WH.editScheme(function (sc) {
        apply(sc, v);
      }, now);
    };
  }

  function numberInput(value, onValue, opts) {
    opts = opts || {};
    var input = h('input', { 'class': 'num-in', attrs: { type: 'number', step: 'any', 'aria-label': opts.label || '' } });
    input.value = isNum(value) ? String(value) : '';
    if (opts.nullable) input.placeholder = '按园区';
    // Typing recomputes after the usual short pause; leaving the field does so at once.
    function apply(now) {
      var raw = input.value.trim();
      if (raw === '' || !isFinite(Number(raw))) {
        if (!(raw === '' && opts.nullable)) {
          input.classList.add('invalid');
          return;
        }
      }
      input.classList.remove('invalid');
      onValue(raw === '' ? null : Number(raw), now);
    }
    input.addEventListener('input', function () {
      apply(false);
    });
    input.addEventListener('change', function () {
      apply(true);
    });
    return input;
  }

  function renderSchemePanel(report, view) {
    var box = clear($('scheme-box'));
    var sc = view.scheme;
    if (!sc) return;
    box.appendChild(h('p', { 'class': 'muted', text: sc.note || '' }));
    renderReadings(box, sc);
    box.appendChild(h('h3', { text: '维度' }));
    box.appendChild(WH.makeTable({
      id: 'scheme-dims',
      cls: 'compact',
      columns: [{ label: '维度' }, { label: '权重', num: true }],
      rows: (sc.dimensions || []).map(function (d, i) {
        return { cells: [d.name, numberInput(d.weight, edits(function (s, v) {
          s.dimensions[i].weight = v;
        }), { label: d.name + ' 权重' })] };
      })
    }));
    box.appendChild(h('h3', { text: '指标' }));
    box.appendChild(WH.makeTable({
      id: 'scheme-indicators',
      cls: 'compact',
      columns: [{ label: '维度' }, { label: '指标' }, { label: '单位', cls: 'nowrap' }, { label: '权重', num: true }, { label: '方向' }, { label: '计分方法' }, { label: '参数' }, { label: '公式' }],
      rows: (sc.indicators || []).map(function (ind, i) {
        return schemeIndicatorRow(sc, ind, i);
      })
    }));
    renderSchemeRules(box, sc);
  }

  function dimensionName(sc, key) {
    var d = (sc.dimensions || []).filter(function (x) {
      return x.key === key;
    })[0];
    return d ? d.name : key;
  }

  function schemeIndicatorRow(sc, ind, i) {
    var method = ind.method || {};
    var params = h('span', { 'class': 'params' });
    Object.keys(PARAMS).forEach(function (k) {
      if (!(k in method)) return;
      if (method[k] !== null && !isNum(method[k])) return;
      params.appendChild(h('label', null, [PARAMS[k] + ' ', numberInput(method[k], edits(function (s, v) {
        s.indicators[i].method[k] = v;
      }), { label: ind.name + ' ' + PARAMS[k], nullable: !!NULLABLE[k] })]));
    });
    if (method.against) params.appendChild(choice(ind, i, 'against', AGAINST));
    if (method.gap) params.appendChild(choice(ind, i, 'gap', GAP));
    if (method.average_input) params.appendChild(h('span', { text: '一个园区时平均值取“' + method.average_input + '”' }));
    if (method.rank_input) params.appendChild(h('span', { text: '一个园区时名次取“' + method.rank_input + '”' }));
    if (method.type === 'pending') params.appendChild(h('span', { 'class': 'bad', text: '待定：' + (method.why || '') }));
    if (method.tiers) params.appendChild(h('span', { text: method.tiers.length + ' 档' }));
    if (method.items) params.appendChild(h('span', { text: method.items.map(function (it) {
      return it.input + ' 每项扣 ' + fmtNum(it.per);
    }).join('；') }));
    var dir = h('select', { attrs: { 'aria-label': ind.name + ' 方向' } }, [
      h('option', { text: '正向', attrs: { value: 'positive' } }),
      h('option', { text: '逆向', attrs: { value: 'negative' } })
    ]);
    dir.value = ind.direction === 'negative' ? 'negative' : 'positive';
    dir.addEventListener('change', function () {
      WH.editScheme(function (s) {
        s.indicators[i].direction = dir.value;
      }, true);
    });
    return {
      cells: [dimensionName(sc, ind.dimension), ind.name, ind.unit, numberInput(ind.weight, edits(function (s, v) {
        s.indicators[i].weight = v;
      }), { label: ind.name + ' 权重' }), dir, methodSelect(sc, ind, i), params, ind.formula || '']
    };
  }

  function renderSchemeRules(box, sc) {
    if (sc.adjustments && sc.adjustments.length) {
      box.appendChild(h('h3', { text: '加减分' }));
      box.appendChild(h('ul', null, sc.adjustments.map(function (a) {
        return h('li', { text: a.name + '：' + (a.input || '') + ' 每项 ' + fmtNum(a.per) + ' 分' + (isNum(a.cap) ? '，最多 ' + fmtNum(a.cap) + ' 分' : '') });
      })));
    }
    if (sc.vetoes && sc.vetoes.length) {
      box.appendChild(h('h3', { text: '一票否决' }));
      box.appendChild(h('ul', null, sc.vetoes.map(function (v) {
        return h('li', { text: v.reason + '（' + v.input + ' 大于 ' + fmtNum(v.above) + '）' + (sc.veto_forbids ? '：不得评为' + sc.veto_forbids : '') });
      })));
    }
    if (sc.grades && sc.grades.length) {
      box.appendChild(h('h3', { text: '等级' }));
      box.appendChild(WH.makeTable({
        id: 'scheme-grades',
        cls: 'compact',
        columns: [{ label: '等级' }, { label: '最低分', num: true }],
        rows: sc.grades.map(function (g, i) {
          return { cells: [g.name, numberInput(g.min, edits(function (s, v) {
            s.grades[i].min = v;
          }), { label: g.name + ' 最低分' })] };
        })
      }));
    }
  }

  WH.renderSchemeHead = renderSchemeHead;
  WH.renderSchemePanel = renderSchemePanel;
})(window.WH);
