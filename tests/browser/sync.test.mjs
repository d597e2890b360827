// Two tabs of the page (issue 16, point 2): each sees the other's saves through
// storage events and never silently overwrites newer work from the other tab:
// it merges per input, and asks in the page when both changed the same input.
// Both tabs are pages of one browser context (one localStorage), stand-in core.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, paste, recomputed, savedPage, SMALL_TSV as TSV, useFakeSite } from './ui-lib.mjs';

const site = useFakeSite();

const stored = async (page) => (await savedPage(page)).state;

async function twoTabs() {
  const s = await open(site().url);
  const b = await s.context.newPage();
  await b.goto(site().url);
  await b.waitForFunction(() => Number(document.body.dataset.computed) > 0);
  return { s, a: s.page, b };
}

describe('two tabs', () => {
  test('a setting changed in the second tab keeps the paste made in the first', async () => {
    const { s, a, b } = await twoTabs();
    await paste(a, '#data', TSV);
    // The second tab sees the first tab's paste.
    await b.waitForFunction((t) => document.getElementById('data').value === t, TSV);
    await recomputed(b, () => b.fill('#slight-pp', '3'));
    await a.waitForFunction(() => document.getElementById('slight-pp').value === '3');
    const st = await stored(a);
    assert.equal(st.data, TSV, 'the first tab\'s paste is still saved');
    assert.equal(st.slightPp, 3);
    assert.equal(await a.inputValue('#data'), TSV);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test('when both tabs changed the same input, the page asks and saves only the chosen one', async () => {
    const { s, a, b } = await twoTabs();
    // The second tab has an edit of the park name not saved yet.
    await b.evaluate(() => {
      document.getElementById('park-name').value = '乙页园区';
      window.WH.state.parkName = '乙页园区';
    });
    await recomputed(a, () => a.fill('#park-name', '甲页园区'));
    await b.waitForSelector('#sync-note', { state: 'visible' });
    assert.match(await b.textContent('#sync-note'), /园区名称/);
    // Saving in the second tab is held back: the first tab's name stays saved.
    await b.evaluate(() => window.WH.saveState());
    assert.equal((await stored(a)).parkName, '甲页园区');
    await recomputed(b, () => b.click('#btn-sync-mine'));
    assert.equal((await stored(a)).parkName, '乙页园区');
    await a.waitForFunction(() => document.getElementById('park-name').value === '乙页园区');
    assert.equal(await b.isVisible('#sync-note'), false);
    assert.deepEqual(s.errors, []);
    await s.close();
  });
});
