// Defence in depth (issue 16): the built page's CSP allows its own inline scripts
// by hash instead of 'unsafe-inline', so every one of them still runs from file://
// (the page computes its example) while an injected event handler does not.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser } from './harness.mjs';
import { open } from './ui-lib.mjs';

after(closeBrowser);

test('the page\'s own scripts run under the hashed CSP; an injected inline handler does not', async () => {
  const s = await open();
  const { page } = s;
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-state')), 'ready');
  assert.notEqual(await page.textContent('#total'), '');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.doesNotMatch(csp, /'unsafe-inline'[^;]*'unsafe-eval'/, 'script-src without unsafe-inline');
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.innerHTML = '<img src="data:," onerror="window.__handlerRan = 1"><svg><a onclick="window.__handlerRan = 2"></a></svg>';
    document.body.appendChild(div);
    const a = div.querySelector('a');
    a.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__handlerRan), undefined, 'the injected handler was refused');
  assert.deepEqual(s.pageErrors, []);
  assert.deepEqual(s.requests, []);
  await s.close();
});
