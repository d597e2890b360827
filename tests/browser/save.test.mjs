// Saving that never destroys (issue 16, point 1): a save that does not fit keeps
// the last good saved state and says so at once and after a reload, the stored
// undo copy gives way before the inputs, version-1 saves are migrated, and an
// edit still waiting for its debounce is saved when the page is hidden or left.
// Runs the page with the stand-in core (ui-fake-core.mjs), storage filled to its quota.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, paste, recomputed, reload, savedPage, SMALL_TSV as TSV, useFakeSite } from './ui-lib.mjs';

const site = useFakeSite();

/** Fills localStorage with filler keys until nothing more fits; returns the characters added. */
function fillStorage(page) {
  return page.evaluate(() => {
    let n = 0;
    let total = 0;
    for (let size = 1 << 20; size >= 16; size >>= 1) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem('filler.' + n, chunk);
          n += 1;
          total += size;
        } catch (e) {
          break;
        }
      }
    }
    return total;
  });
}

describe('saving under pressure', () => {
  test('a save that does not fit keeps the last good state and says so at once and after a reload', async () => {
    const s = await open(site().url);
    const { page } = s;
    await paste(page, '#data', TSV);
    assert.equal((await savedPage(page)).state.data, TSV);
    assert.ok((await fillStorage(page)) > 1e6, 'storage filled');
    const big = TSV + '其他\t亿元\t1\t1\n'.repeat(300);
    await paste(page, '#data', big);
    // At once: the note says the newer input was not kept; the store keeps the last good one.
    assert.equal(await page.isVisible('#save-note'), true);
    assert.match(await page.textContent('#save-note'), /未能保存.*保存工作/);
    assert.equal((await savedPage(page)).state.data, TSV, 'the last good save is kept');
    await reload(page);
    assert.equal(await page.inputValue('#data'), TSV, 'after a reload the last good input is back');
    assert.equal(await page.isVisible('#save-note'), true, 'and the flag is shown');
    assert.match(await page.textContent('#save-note'), /上次.*未能保存.*现在显示的是/);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test('the stored undo copy gives way before the inputs', async () => {
    const s = await open(site().url);
    const { page } = s;
    await paste(page, '#data', TSV + '其他\t亿元\t1\t1\n'.repeat(400));
    await recomputed(page, () => page.click('#btn-clear'));
    assert.ok(await page.evaluate(() => localStorage.getItem('wuhao.page.undo') !== null), 'undo copy stored');
    await fillStorage(page);
    await paste(page, '#data', TSV + '另一\t亿元\t2\t2\n'.repeat(400));
    assert.match((await savedPage(page)).state.data, /另一/, 'the new input is saved');
    assert.equal(await page.evaluate(() => localStorage.getItem('wuhao.page.undo')), null, 'the undo copy made room');
    assert.equal(await page.isVisible('#save-note'), false);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test('a version-1 save is migrated, not discarded', async () => {
    const s = await open(site().url);
    const { page } = s;
    await page.evaluate((tsv) => {
      localStorage.clear();
      localStorage.setItem('wuhao.page.v1', JSON.stringify({ data: tsv, parkName: '旧版园区', slightPp: 4, splits: ['', ''] }));
    }, TSV);
    await reload(page);
    assert.equal(await page.inputValue('#data'), TSV);
    assert.equal(await page.inputValue('#park-name'), '旧版园区');
    assert.equal(await page.inputValue('#slight-pp'), '4');
    const env = await savedPage(page);
    assert.equal(env.version, 2);
    assert.equal(env.state.parkName, '旧版园区');
    assert.equal(await page.evaluate(() => localStorage.getItem('wuhao.page.v1')), null, 'the old key is removed once the new one is written');
    await s.close();
  });

  test('an edit made just before leaving is saved (pagehide), and on visibilitychange', async () => {
    const s = await open(site().url);
    const { page } = s;
    // Typed and left at once: the 150 ms debounce has not run.
    await page.fill('#park-name', '刚输入的园区');
    await reload(page);
    assert.equal(await page.inputValue('#park-name'), '刚输入的园区');
    await page.fill('#park-name', '切到后台前输入');
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    assert.equal((await savedPage(page)).state.parkName, '切到后台前输入');
    await s.close();
  });
});
