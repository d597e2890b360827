/* render-scheme.js — renders the scheme panel (评价方案) with its editable weights and parameters. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, isNum = WH.isNum, fmtNum = WH.fmtNum;

  /* ---------- scheme panel ---------- */

  var METHODS = {
    completion: '完成率法', benchmark: '标杆值法', efficacy: '功效系数法', min_max: '极值法', tiers: '分档计分',
    base_period: '基期法', rate_vs_target: '增速对比法', direct: '直接打分', deduct: '扣分法'
  };
  var PARAMS = {
    cap: '封顶倍数', value: '标杆值', satisfactory: '满意值', unacceptable: '不允许值', base_share: '基础分比例',
    step_pct: '每增长(%)', step_points: '加分', bonus_share: '加分上限比例'
  };
  var NULLABLE = { satisfactory: true, unacceptable: true };

  function renderSchemeHead(report, view) {
    $('scheme-title').textContent = report.scheme.name;
    $('scheme-source').textContent = view.schemeLabel ? '（' + view.schemeLabel + '）' : '（内置方案）';
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
      }), { label: ind.name + ' 权重' }), dir, METHODS[method.type] || String(method.type || ''), params, ind.formula || '']
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
