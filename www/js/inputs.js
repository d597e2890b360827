/* inputs.js — the input boxes and settings: pasting, gathering the request, selecting a cell named by a problem. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show, todayIso = WH.todayIso;

  // Laying out a textarea holding megabytes of text takes many seconds, so a paste
  // this large is kept in memory and summarised instead of shown in the box.
  var BIG_SHOW = 1000000;
  var showBig = false;

  /* ---------- gathering inputs ---------- */

  function buildRequest() {
    var req = {
      data: WH.state.data,
      data_form: WH.state.dataForm || { form: 'text', merged: 0, precise: 0 },
      // Blank split boxes are passed too, so a split diagnostic's index is its box.
      splits: WH.state.splits.slice(),
      settings: {
        by_days: WH.state.byDays,
        slight_pp: Number(WH.state.slightPp),
        split_tolerance: Number(WH.state.splitTolPct) / 100
      },
      today: todayIso()
    };
    if (WH.state.periodMode === 'manual') req.period = { year: Number(WH.state.year), month: Number(WH.state.month) };
    if (WH.state.scheme) req.scheme = WH.state.scheme;
    // The typed name names a one-park paste in the report and in every export.
    if (WH.state.parkName.trim()) req.park_name = WH.state.parkName.trim();
    return WH.addReadFix(req);
  }

  function syncInputs() {
    syncDataBox();
    $('park-name').value = WH.state.parkName;
    $('period-mode').value = WH.state.periodMode;
    $('period-year').value = WH.state.year;
    $('period-month').value = String(WH.state.month);
    $('period-year').disabled = WH.state.periodMode !== 'manual';
    $('period-month').disabled = WH.state.periodMode !== 'manual';
    $('by-days').value = WH.state.byDays ? 'day' : 'month';
    $('slight-pp').value = WH.state.slightPp;
    $('split-tol').value = WH.state.splitTolPct;
    $('scheme-text').value = WH.state.schemeText;
    show($('example-note'), WH.state.example);
    renderSplitInputs();
  }

  function dataCollapsed() {
    return WH.state.data.length > BIG_SHOW && !showBig;
  }

  /** Shows the park paste in its box, or a summary of it when it is too large to lay out. */
  function syncDataBox() {
    var ta = $('data');
    var collapsed = dataCollapsed();
    show(ta, !collapsed);
    show($('big-note'), collapsed);
    if (collapsed) {
      var lines = WH.state.data.split('\n').length;
      $('big-text').textContent = '已粘贴的表格很大（' + (WH.state.data.length / 1e6).toFixed(1) + ' 百万字符，约 ' + lines + ' 行），' +
        '为保持页面流畅，未在输入框中显示全文；计算照常进行。';
      ta.value = '';
    } else if (ta.value !== WH.state.data) {
      ta.value = WH.state.data;
    }
  }

  /**
   * What a paste event carries: the table of its text/html form when Excel or
   * WPS put one there (merged cells, full precision; see clipboard.js), else
   * its plain text. `form` says which, for the read-back.
   */
  function clipboardText(cd) {
    var html = '';
    try {
      html = cd.getData('text/html') || '';
    } catch (err) {
      html = '';
    }
    var table = html && window.WuhaoClipboard ? window.WuhaoClipboard.fromHtml(html) : null;
    if (table) return { text: table.text, form: { form: 'html', merged: table.merged, precise: table.precise } };
    return { text: cd.getData('text/plain') || cd.getData('text') || '', form: { form: 'text', merged: 0, precise: 0 } };
  }

  /** The park paste: very large text goes to the state directly, not through the box. */
  function onDataPaste(e) {
    var cd = e.clipboardData || window.clipboardData;
    if (!cd) return;
    var clip = clipboardText(cd);
    var text = clip.text;
    var ta = $('data');
    if (WH.state.example && ta.value === WH.EXAMPLE_TSV && text) {
      // The untouched example is a placeholder: the clerk's paste replaces it whole,
      // wherever the caret was, or the example's invented rows would win over theirs.
      e.preventDefault();
      WH.replaceInputs('用粘贴的表格替换示例', function () {
        WH.state.dataForm = clip.form;
        WH.state.data = text;
        leaveExample(true);
        showBig = false;
        syncDataBox();
        WH.changed(true);
      });
      return;
    }
    WH.state.dataForm = clip.form;
    var collapsed = dataCollapsed();
    var start = collapsed ? 0 : ta.selectionStart;
    var end = collapsed ? WH.state.data.length : ta.selectionEnd;
    var whole = (collapsed ? WH.state.data : ta.value);
    if (whole.length - (end - start) + text.length <= BIG_SHOW) {
      onPaste(e);
      return;
    }
    e.preventDefault();
    WH.state.data = whole.slice(0, start) + text + whole.slice(end);
    if (WH.state.example) leaveExample(true);
    showBig = false;
    syncDataBox();
    WH.changed(true);
  }

  /** Replaces the park table with `text` (a spreadsheet file opened: files.js), undoably, as a paste into the example does. */
  function replaceData(label, text, form) {
    WH.replaceInputs(label, function () {
      WH.state.dataForm = form;
      WH.state.data = text;
      if (WH.state.example) leaveExample(true);
      showBig = false;
      syncDataBox();
      WH.changed(true);
    });
  }

  function renderSplitInputs() {
    var list = clear($('split-list'));
    WH.state.splits.forEach(function (text, i) {
      var ta = h('textarea', {
        'class': 'split-text',
        attrs: { rows: 4, spellcheck: 'false', wrap: 'off', 'data-split': i, 'aria-label': '分解表 ' + (i + 1) }
      });
      ta.value = text;
      ta.addEventListener('input', function () {
        WH.state.splits[i] = ta.value;
        WH.changed(false);
      });
      ta.addEventListener('paste', onPaste);
      var remove = h('button', {
        text: '删除',
        attrs: { type: 'button' },
        on: {
          click: function () {
            WH.replaceInputs('删除分解表 ' + (i + 1), function () {
              WH.state.splits.splice(i, 1);
              if (!WH.state.splits.length) WH.state.splits = [''];
              renderSplitInputs();
              WH.changed(true);
            });
          }
        }
      });
      list.appendChild(h('div', { 'class': 'split-item' }, [h('div', { 'class': 'split-label', text: '分解表 ' + (i + 1) }, [' ', remove]), ta]));
    });
  }

  function splitBox(i) {
    return document.querySelector('textarea[data-split="' + Number(i) + '"]');
  }

  /** Pastes clipboard text at the caret; the same path serves real and synthetic paste events. */
  function onPaste(e) {
    var cd = e.clipboardData || window.clipboardData;
    if (!cd) return;
    var text = clipboardText(cd).text;
    if (!text) return;
    e.preventDefault();
    // The example's untouched split is replaced whole, like the example's table.
    if (e.target.hasAttribute('data-split') && e.target.value === WH.EXAMPLE_SPLIT) e.target.select();
    insertText(e.target, text);
  }

  function insertText(ta, text) {
    var start = ta.selectionStart;
    var end = ta.selectionEnd;
    var expected = ta.value.length - (end - start) + text.replace(/\r\n?/g, '\n').length;
    var ok = false;
    ta.focus();
    // execCommand keeps the textarea's own undo history; huge pastes skip it for speed.
    if (text.length < WH.BIG_INPUT) {
      try {
        ok = document.execCommand('insertText', false, text);
      } catch (err) {
        ok = false;
      }
    }
    if (!ok || ta.value.length !== expected) {
      ta.value = ta.value.slice(0, start) + text + ta.value.slice(end);
      ta.selectionStart = ta.selectionEnd = start + text.length;
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  function loadExampleUndoable() {
    WH.replaceInputs('载入示例', WH.loadExample);
  }

  function bindInputs() {
    var months = $('period-month');
    for (var m = 1; m <= 12; m++) months.appendChild(h('option', { text: String(m), attrs: { value: m } }));

    bindField('data', 'input', function (v) {
      WH.state.data = v;
      showBig = false;
      if (!v) WH.state.dataForm = null;
    });
    $('data').addEventListener('paste', onDataPaste);
    $('btn-big-show').addEventListener('click', function () {
      showBig = true;
      syncDataBox();
    });
    $('btn-big-replace').addEventListener('click', function () {
      // An empty, visible box ready for Ctrl+V; the big text stays until something replaces it.
      show($('big-note'), false);
      show($('data'), true);
      $('data').value = '';
      $('data').focus();
      WH.say('请按 Ctrl+V 粘贴新的表格；在粘贴之前，原表格仍然有效。');
    });
    bindField('park-name', 'input', function (v) {
      WH.state.parkName = v;
    });
    bindField('period-mode', 'change', function (v) {
      WH.state.periodMode = v === 'manual' ? 'manual' : 'auto';
      $('period-year').disabled = WH.state.periodMode !== 'manual';
      $('period-month').disabled = WH.state.periodMode !== 'manual';
    });
    bindField('period-year', 'input', function (v) {
      WH.state.year = Number(v) || WH.state.year;
    });
    bindField('period-month', 'change', function (v) {
      WH.state.month = Number(v) || 1;
    });
    bindField('by-days', 'change', function (v) {
      WH.state.byDays = v === 'day';
    });
    bindField('slight-pp', 'input', function (v) {
      if (v !== '' && isFinite(Number(v))) WH.state.slightPp = Number(v);
    });
    bindField('split-tol', 'input', function (v) {
      if (v !== '' && isFinite(Number(v))) WH.state.splitTolPct = Number(v);
    });
    bindField('scheme-text', 'input', function (v) {
      WH.state.schemeText = v;
    }, true);

    $('btn-example').addEventListener('click', function () {
      // Over the user's own table the page asks first, in the page (no pop-up window).
      if (WH.state.data.trim() && !WH.state.example) show($('example-confirm'), true);
      else loadExampleUndoable();
    });
    $('btn-example-yes').addEventListener('click', function () {
      show($('example-confirm'), false);
      loadExampleUndoable();
    });
    $('btn-example-no').addEventListener('click', function () {
      show($('example-confirm'), false);
    });
    $('btn-add-split').addEventListener('click', function () {
      WH.state.splits.push('');
      renderSplitInputs();
      var box = splitBox(WH.state.splits.length - 1);
      if (box) box.focus();
      WH.saveState();
    });
    $('park-select').addEventListener('change', function () {
      WH.state.parkIndex = Number($('park-select').value) || 0;
      WH.changed(true);
    });
  }

  /**
   * Once the user's own data replaces the example's, the example's invented parts
   * (its name, its area split, the 示例目标 label) go too, so they are never
   * mistaken for the user's.
   */
  function leaveExample(dataReplaced) {
    WH.state.example = false;
    show($('example-note'), false);
    if (!dataReplaced) return;
    if (WH.state.parkName === WH.EXAMPLE_PARK) {
      WH.state.parkName = '';
      $('park-name').value = '';
    }
    if (WH.state.splits.length === 1 && WH.state.splits[0] === WH.EXAMPLE_SPLIT) {
      WH.state.splits = [''];
      renderSplitInputs();
    }
    // The example's period (2022年11月) would silently date the user's own figures.
    if (WH.state.periodMode === 'manual' && WH.state.year === 2022 && WH.state.month === 11) {
      var d = new Date();
      WH.state.periodMode = 'auto';
      WH.state.year = d.getFullYear();
      WH.state.month = d.getMonth() + 1;
      syncInputs();
    }
  }

  function bindField(id, event, apply, noRecompute) {
    var el = $(id);
    el.addEventListener(event, function () {
      apply(el.value);
      if (id === 'data' || id === 'park-name') {
        // Once the user edits, the example's invented targets are no longer the example's.
        if (WH.state.example && WH.state.data !== WH.EXAMPLE_TSV) leaveExample(id === 'data');
      }
      if (noRecompute) WH.saveState();
      else WH.changed(false);
    });
  }

  function textareaFor(source, split) {
    if (source === 'split') return splitBox(split || 0);
    if (source === 'scheme') return $('scheme-text');
    return $('data');
  }

  function selectCell(source, split, row, col) {
    var ta = textareaFor(source, split);
    if (!ta) return;
    if (ta.id === 'data' && dataCollapsed()) {
      WH.say('表格过大，未在输入框中显示；问题位于第 ' + row + ' 行第 ' + (col || 1) + ' 列。');
      return;
    }
    var range = cellRange(ta.value, row, col || 1);
    if (!range) return;
    ta.focus();
    ta.setSelectionRange(range[0], range[1]);
    var line = ta.value.slice(0, range[0]).split('\n').length - 1;
    var lh = parseFloat(getComputedStyle(ta).lineHeight) || 18;
    ta.scrollTop = Math.max(0, (line - 2) * lh);
  }

  /**
   * The [start, end) character range of 1-based (row, col) in tab-separated text.
   * Quoted cells may hold tabs and newlines, as Excel writes them. A missing cell
   * (a ragged row) selects the end of its row.
   */
  function cellRange(text, row, col) {
    var i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    var n = text.length;
    var r = 1;
    var c = 1;
    while (i <= n) {
      var start = i;
      var end;
      if (text.charAt(i) === '"') {
        var j = i + 1;
        while (j < n) {
          if (text.charAt(j) === '"') {
            if (text.charAt(j + 1) === '"') j += 2;
            else break;
          } else j++;
        }
        i = Math.min(j + 1, n);
      }
      while (i < n && text.charAt(i) !== '\t' && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') i++;
      end = i;
      if (r === row && c === col) return [start, end];
      if (i >= n) break;
      var ch = text.charAt(i);
      if (ch === '\t') {
        c++;
        i++;
      } else {
        if (r === row) return [end, end];
        i += ch === '\r' && text.charAt(i + 1) === '\n' ? 2 : 1;
        r++;
        c = 1;
      }
    }
    return r === row ? [n, n] : null;
  }

  WH.buildRequest = buildRequest;
  WH.syncInputs = syncInputs;
  WH.replaceData = replaceData;
  WH.bindInputs = bindInputs;
  WH.selectCell = selectCell;
})(window.WH);
