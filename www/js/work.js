/* work.js — the work file: 保存工作 writes the whole session to one file, 打开工作 (or dropping the file on the page) restores it; any other file dropped goes to files.js. */
(function (WH) {
  'use strict';

  var $ = WH.$;

  var KIND = 'wuhao-work';

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  /** Writes the whole page state (inputs, splits, scheme, settings, view) as a JSON file. */
  function saveWork() {
    var d = new Date();
    var doc = { kind: KIND, version: 2, app: WH.api.version || '', saved: d.getTime(), state: WH.state };
    var stamp = d.getFullYear() + pad(d.getMonth() + 1) + pad(d.getDate()) + '-' + pad(d.getHours()) + pad(d.getMinutes());
    var name = WH.safeName((WH.state.parkName || '').trim() || '五好园区') + '-工作-' + stamp + '.wuhao.json';
    WH.download(new TextEncoder().encode(JSON.stringify(doc)), name, 'application/json');
    WH.say('已保存工作文件：' + name + '（用“打开工作”或把文件拖到页面上即可恢复）。');
  }

  /** Restores a work file's text; returns false (and says why) when it is not one. */
  function openWorkText(text, fileName) {
    var doc = null;
    try {
      doc = JSON.parse(String(text).replace(/^\uFEFF/, ''));
    } catch (e) {
      doc = null;
    }
    if (!doc || doc.kind !== KIND || !doc.state || typeof doc.state !== 'object') {
      WH.say('“' + fileName + '”不是本工具保存的工作文件。', true);
      return false;
    }
    var env = WH.migrate({ version: doc.version, saved: doc.saved, tab: '', state: doc.state });
    WH.replaceInputs('打开工作', function () {
      WH.state = WH.sanitizeState(env && env.state);
      WH.syncInputs();
      WH.showSchemePanel();
      WH.changed(true);
    });
    WH.say('已打开工作文件：' + fileName);
    return true;
  }

  function readFile(file) {
    if (WH.openTableFile && !/\.json$/i.test(file.name)) return WH.openTableFile(file); // not a work file: files.js says what it is
    var reader = new FileReader();
    reader.onload = function () {
      openWorkText(String(reader.result || ''), file.name);
    };
    reader.onerror = function () {
      WH.say('无法读取文件：' + file.name, true);
    };
    reader.readAsText(file, 'utf-8');
  }

  function hasFiles(e) {
    var types = (e.dataTransfer && e.dataTransfer.types) || [];
    for (var i = 0; i < types.length; i++) if (types[i] === 'Files') return true;
    return false;
  }

  function bindWork() {
    $('btn-work-save').addEventListener('click', saveWork);
    $('work-file').addEventListener('change', function () {
      var input = $('work-file');
      var file = input.files && input.files[0];
      if (file) readFile(file);
      input.value = '';
    });
    // A file dropped anywhere on the page opens as a work file (text drops go on as usual).
    document.addEventListener('dragover', function (e) {
      if (hasFiles(e)) e.preventDefault();
    });
    document.addEventListener('drop', function (e) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      var file = e.dataTransfer.files && e.dataTransfer.files[0];
      if (file) readFile(file);
    });
  }

  WH.saveWork = saveWork;
  WH.openWorkText = openWorkText;
  WH.bindWork = bindWork;
})(window.WH);
