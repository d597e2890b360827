// The work file and edits just before closing (issue 16, point 4): an edit made
// less than 150 ms before the tab closes is saved (pagehide); 保存工作 writes the
// whole session to one file, and 打开工作 or dropping that file on the page
// restores it, also after the browser's storage was cleared. Stand-in core.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, paste, recomputed, reload, SMALL_SPLIT as SPLIT, SMALL_TSV as TSV, useFakeSite } from './ui-lib.mjs';

const site = useFakeSite();

async function assertSession(page) {
  assert.equal(await page.inputValue('#data'), TSV);
  assert.equal(await page.inputValue('#park-name'), '工作园区');
  assert.equal(await page.inputValue('#slight-pp'), '3');
  assert.equal(await page.inputValue('textarea[data-split="0"]'), SPLIT);
  assert.equal(await page.textContent('#scheme-title'), '工作里的方案');
}

describe('edits before closing and the work file', () => {
  test('an edit made less than 150 ms before the tab closes is saved', async () => {
    const s = await open(site().url);
    // Typed and the page left in the same task: the debounce never ran.
    await s.page.evaluate(() => {
      const el = document.getElementById('park-name');
      el.value = '关闭前输入';
      el.dispatchEvent(new Event('input', { bubbles: true }));
      location.href = 'about:blank';
    });
    await s.page.waitForURL('about:blank');
    await s.page.close({ runBeforeUnload: true });
    const second = await s.context.newPage();
    await second.goto(site().url);
    await second.waitForFunction(() => Number(document.body.dataset.computed) > 0);
    assert.equal(await second.inputValue('#park-name'), '关闭前输入');
    await s.close();
  });

  test('保存工作 writes the whole session; 打开工作 and a dropped file restore it after storage is cleared', async () => {
    const s = await open(site().url);
    const { page } = s;
    await paste(page, '#data', TSV);
    await recomputed(page, () => page.fill('#park-name', '工作园区'));
    await recomputed(page, () => page.fill('#slight-pp', '3'));
    await paste(page, 'textarea[data-split="0"]', SPLIT);
    const scheme = await page.evaluate(() => window.wuhao.defaultScheme());
    scheme.name = '工作里的方案';
    await recomputed(page, () => page.fill('#scheme-text', JSON.stringify(scheme)).then(() => page.click('#btn-scheme-load')));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-work-save')]);
    assert.match(download.suggestedFilename(), /^工作园区-工作-\d{8}-\d{4}\.wuhao\.json$/);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    const text = Buffer.concat(chunks).toString('utf8');
    assert.equal(JSON.parse(text).kind, 'wuhao-work');

    // Storage cleared (a browser set to clear site data on exit): the example comes back.
    await page.evaluate(() => localStorage.clear());
    await reload(page);
    assert.notEqual(await page.inputValue('#data'), TSV);
    await recomputed(page, () => page.setInputFiles('#work-file', { name: 'w.wuhao.json', mimeType: 'application/json', buffer: Buffer.from(text) }));
    await assertSession(page);

    await page.evaluate(() => localStorage.clear());
    await reload(page);
    await recomputed(page, () =>
      page.evaluate((t) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], 'w.wuhao.json', { type: 'application/json' }));
        document.getElementById('summary').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, text),
    );
    await assertSession(page);
    // Opening a work file is itself undoable.
    assert.match(await page.textContent('#undo-bar'), /打开工作/);
    assert.deepEqual(s.errors, []);
    await s.close();
  });
});
