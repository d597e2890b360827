// Every action that replaces the user's inputs can be undone in one click, also
// after a reload (issue 16, point 3): 载入示例, 清空, 删除 a split, 恢复内置方案 and
// loading a scheme file; 载入示例 over the user's own table asks first, in the
// page (no window.confirm). Stand-in core (ui-fake-core.mjs).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, paste, recomputed, reload, SMALL_SPLIT as SPLIT, SMALL_TSV as TSV, useFakeSite } from './ui-lib.mjs';

const site = useFakeSite();

/** A page with the user's own table, name and split. */
async function ownData() {
  const s = await open(site().url);
  const dialogs = [];
  s.page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  s.dialogs = dialogs;
  await paste(s.page, '#data', TSV);
  await recomputed(s.page, () => s.page.fill('#park-name', '我的园区'));
  await paste(s.page, 'textarea[data-split="0"]', SPLIT);
  return s;
}

async function assertOwn(page) {
  assert.equal(await page.inputValue('#data'), TSV);
  assert.equal(await page.inputValue('#park-name'), '我的园区');
  assert.equal(await page.inputValue('textarea[data-split="0"]'), SPLIT);
}

describe('one-click undo of replacing actions', () => {
  test('载入示例 over the user\'s table asks in the page; loading it can be undone, also after a reload', async () => {
    const s = await ownData();
    const { page } = s;
    await page.click('#btn-example');
    assert.equal(await page.isVisible('#example-confirm'), true, 'asks first');
    assert.equal(await page.inputValue('#data'), TSV, 'nothing replaced yet');
    await page.click('#btn-example-no');
    assert.equal(await page.isVisible('#example-confirm'), false);
    await assertOwn(page);
    await page.click('#btn-example');
    await recomputed(page, () => page.click('#btn-example-yes'));
    assert.notEqual(await page.inputValue('#data'), TSV);
    assert.equal(await page.isVisible('#btn-undo'), true);
    assert.match(await page.textContent('#undo-bar'), /载入示例/);
    await reload(page);
    await recomputed(page, () => page.click('#btn-undo'));
    await assertOwn(page);
    assert.deepEqual(s.dialogs, [], 'no pop-up window');
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test('删除 a split can be undone, also after a reload', async () => {
    const s = await ownData();
    const { page } = s;
    await recomputed(page, () => page.click('.split-item button:has-text("删除")'));
    assert.equal(await page.inputValue('textarea[data-split="0"]'), '');
    await reload(page);
    assert.equal(await page.isVisible('#btn-undo'), true);
    await recomputed(page, () => page.click('#btn-undo'));
    await assertOwn(page);
    await s.close();
  });

  test('恢复内置方案 and loading a scheme file can be undone', async () => {
    const s = await ownData();
    const { page } = s;
    const builtIn = await page.textContent('#scheme-title');
    const scheme = await page.evaluate(() => window.wuhao.defaultScheme());
    scheme.name = '文件里的方案';
    await recomputed(page, () => page.setInputFiles('#scheme-file', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scheme)) }));
    assert.equal(await page.textContent('#scheme-title'), '文件里的方案');
    await recomputed(page, () => page.click('#btn-undo'));
    assert.equal(await page.textContent('#scheme-title'), builtIn, 'undo of loading a scheme file');
    await recomputed(page, () => page.setInputFiles('#scheme-file', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scheme)) }));
    await recomputed(page, () => page.click('#btn-scheme-reset'));
    assert.equal(await page.textContent('#scheme-title'), builtIn);
    await recomputed(page, () => page.click('#btn-undo'));
    assert.equal(await page.textContent('#scheme-title'), '文件里的方案', 'undo of 恢复内置方案');
    await assertOwn(page);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test('清空 can be undone', async () => {
    const s = await ownData();
    const { page } = s;
    await recomputed(page, () => page.click('#btn-clear'));
    assert.equal(await page.inputValue('#data'), '');
    await recomputed(page, () => page.click('#btn-undo'));
    await assertOwn(page);
    await s.close();
  });
});
