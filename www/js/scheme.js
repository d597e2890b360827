/* scheme.js — scheme actions: loading, saving, copying and resetting the scheme. */
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
    WH.say('已载入方案：' + res.scheme.name);
  }

  function bindScheme() {
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
