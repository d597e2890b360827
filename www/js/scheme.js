/* scheme.js — scheme actions: loading, saving, copying and resetting the scheme; the library of schemes by name and year. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show, clone = WH.clone;

  var builtInScheme = null;

  function setBuiltInScheme(sc) {
    builtInScheme = sc;
  }

  /** The scheme in force: the user's own, else the built-in one. */
  function currentScheme() {
    return WH.state.scheme || builtInScheme;
  }

  /**
   * Applies one edit from the scheme panel to the user's own copy of the scheme,
   * made on the first edit of the built-in one, and recomputes.
   */
  function editScheme(edit, now) {
    if (!WH.state.scheme) {
      WH.state.scheme = clone(builtInScheme);
      WH.state.schemeLabel = '内置方案（已修改）';
    }
    edit(WH.state.scheme);
    WH.changed(now);
  }

  /** The scheme-table help and copy button, offered when the core provides them. */
  function showSchemeExtras() {
    var core = WH.glue();
    if (typeof core.schemeHelp === 'function') {
      $('scheme-help').textContent = core.schemeHelp();
      show($('scheme-help-box'), true);
    }
    show($('btn-scheme-copy'), typeof core.schemeTable === 'function');
  }

  function showSchemeDiags(diags) {
    var list = clear($('scheme-diags'));
    (diags || []).forEach(function (d) {
      var text = (d.row ? '第 ' + d.row + ' 行' + (d.col ? '第 ' + d.col + ' 列' : '') + '：' : '') + d.message + (d.cell ? '“' + d.cell + '”' : '');
      list.appendChild(h('li', { 'class': 'diag ' + (d.level === 'error' ? 'error' : 'warning') }, WH.diagLink('scheme', null, d.row, d.col, text, d.level)));
    });
  }

  /** Loads scheme text; a refused scheme shows why and leaves the current one in use. */
  function applySchemeText(text, label) {
    var res;
    try {
      res = WH.loadScheme(text);
    } catch (e) {
      WH.say('方案载入出错：' + (e && e.message ? e.message : String(e)), true);
      return;
    }
    showSchemeDiags(res.diagnostics);
    if (!res.scheme) {
      WH.say('方案未载入（见方案下方的问题提示），仍使用原方案。', true);
      return;
    }
    WH.replaceInputs('载入方案', function () {
      WH.state.scheme = res.scheme;
      WH.state.schemeLabel = label;
      WH.showSchemePanel();
      WH.changed(true);
    });
    var pending = res.pending && res.pending.count ? '；' + res.pending.count + ' 项指标（' + WH.fmtNum(res.pending.points) + ' 分）的评分标准未能读懂，按待定计，请在方案中选定计分方法' : '';
    var read = res.readings && res.readings.length ? '；已读出 ' + res.readings.length + ' 条评分标准，请在“评价方案”中核对读法' : '';
    WH.say('已载入方案：' + res.scheme.name + read + pending, !!pending);
    refreshLibrary();
  }

  /* ---------- the scheme library: several schemes by name and year (localStorage) ---------- */

  var LIBRARY_KEY = 'wuhao-scheme-library';

  function library() {
    try {
      var list = JSON.parse(localStorage.getItem(LIBRARY_KEY) || '[]');
      return Array.isArray(list) ? list.filter(function (e) {
        return e && e.scheme && typeof e.name === 'string';
      }) : [];
    } catch (e) {
      return [];
    }
  }

  function storeLibrary(list) {
    try {
      localStorage.setItem(LIBRARY_KEY, JSON.stringify(list));
      return true;
    } catch (e) {
      WH.say('方案库已满或浏览器不允许保存，未保存。', true);
      return false;
    }
  }

  function entryLabel(e) {
    return e.name + (e.year ? '（' + e.year + ' 年）' : '');
  }

  /** Saves the scheme in force under a name and year; the same name and year is replaced. */
  function saveToLibrary() {
    var sc = currentScheme();
    if (!sc) return;
    var name = $('scheme-lib-name').value.trim() || sc.name || '评价方案';
    var yearText = $('scheme-lib-year').value.trim();
    var year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
    var copy = clone(sc);
    copy.name = name;
    if (year) copy.year = year;
    else delete copy.year;
    var list = library().filter(function (e) {
      return !(e.name === name && (e.year || null) === year);
    });
    list.push({ name: name, year: year, scheme: copy });
    list.sort(function (a, b) {
      return (b.year || 0) - (a.year || 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    if (storeLibrary(list)) WH.say('已存入方案库：' + entryLabel({ name: name, year: year }));
    refreshLibrary();
  }

  function pickedEntry() {
    var i = Number($('scheme-lib-list').value);
    return library()[i] || null;
  }

  function useFromLibrary() {
    var e = pickedEntry();
    if (!e) return;
    WH.replaceInputs('使用方案库中的方案', function () {
      WH.state.scheme = clone(e.scheme);
      WH.state.schemeLabel = '方案库：' + entryLabel(e);
      showSchemeDiags([]);
      WH.showSchemePanel();
      WH.changed(true);
    });
    WH.say('已使用方案：' + entryLabel(e));
  }

  function deleteFromLibrary() {
    var e = pickedEntry();
    if (!e) return;
    var list = library().filter(function (x) {
      return !(x.name === e.name && (x.year || null) === (e.year || null));
    });
    if (storeLibrary(list)) WH.say('已从方案库删除：' + entryLabel(e));
    refreshLibrary();
  }

  /** Draws the library's controls from localStorage (scheme actions, not a report renderer). */
  function refreshLibrary() {
    var sel = $('scheme-lib-list');
    if (!sel) return;
    clear(sel);
    var list = library();
    list.forEach(function (e, i) {
      sel.appendChild(h('option', { text: entryLabel(e), attrs: { value: String(i) } }));
    });
    if (!list.length) sel.appendChild(h('option', { text: '（方案库为空）', attrs: { value: '' } }));
    $('btn-scheme-lib-use').disabled = !list.length;
    $('btn-scheme-lib-delete').disabled = !list.length;
    var sc = currentScheme();
    if (sc && !$('scheme-lib-name').value) $('scheme-lib-name').placeholder = sc.name || '';
  }

  function buildLibrary() {
    var anchor = $('btn-scheme-save').parentNode;
    var box = h('div', { id: 'scheme-library', 'class': 'row' }, [
      h('span', { text: '方案库：' }),
      h('input', { id: 'scheme-lib-name', attrs: { type: 'text', size: 16, placeholder: '方案名称', 'aria-label': '方案名称' } }),
      h('input', { id: 'scheme-lib-year', attrs: { type: 'text', size: 5, inputmode: 'numeric', placeholder: '年份', 'aria-label': '年份' } }),
      h('button', { id: 'btn-scheme-lib-save', text: '存入方案库', attrs: { type: 'button' }, on: { click: saveToLibrary } }),
      h('select', { id: 'scheme-lib-list', attrs: { 'aria-label': '方案库中的方案' } }),
      h('button', { id: 'btn-scheme-lib-use', text: '使用', attrs: { type: 'button' }, on: { click: useFromLibrary } }),
      h('button', { id: 'btn-scheme-lib-delete', text: '删除', attrs: { type: 'button' }, on: { click: deleteFromLibrary } })
    ]);
    anchor.parentNode.insertBefore(box, anchor.nextSibling);
    refreshLibrary();
  }

  function bindScheme() {
    buildLibrary();
    $('btn-scheme-load').addEventListener('click', function () {
      applySchemeText($('scheme-text').value, '粘贴的方案');
    });
    $('scheme-file').addEventListener('change', function () {
      var input = $('scheme-file');
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        applySchemeText(String(reader.result || ''), '文件：' + file.name);
        input.value = '';
      };
      reader.onerror = function () {
        WH.say('无法读取文件：' + file.name, true);
      };
      reader.readAsText(file, 'utf-8');
    });
    $('btn-scheme-save').addEventListener('click', function () {
      var sc = WH.currentScheme();
      if (!sc) return;
      WH.download(new TextEncoder().encode(JSON.stringify(sc, null, 2)), WH.safeName(sc.name || '评价方案') + '.json', 'application/json');
    });
    $('btn-scheme-copy').addEventListener('click', function () {
      var sc = WH.currentScheme();
      var core = WH.glue();
      var text = sc && core && typeof core.schemeTable === 'function' ? core.schemeTable(JSON.stringify(sc)) : '';
      if (!text) {
        WH.say('无法把当前方案写成表格。', true);
        return;
      }
      WH.copyText(text).then(function (ok) {
        WH.say(ok ? '已复制方案表格，可在 Excel / WPS 中修改后粘贴回“粘贴方案”框再载入。' : '浏览器不允许写入剪贴板。', !ok);
      });
    });
    $('btn-scheme-reset').addEventListener('click', function () {
      WH.replaceInputs('恢复内置方案', function () {
        WH.state.scheme = null;
        WH.state.schemeLabel = '';
        showSchemeDiags([]);
        WH.showSchemePanel();
        WH.changed(true);
      });
    });
  }

  WH.setBuiltInScheme = setBuiltInScheme;
  WH.currentScheme = currentScheme;
  WH.editScheme = editScheme;
  WH.showSchemeExtras = showSchemeExtras;
  WH.bindScheme = bindScheme;
})(window.WH);
