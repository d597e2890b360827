// A look at the built page as a user sees it (not a test): screenshots of the example at a
// size, and the printout as PDF. `node tests/browser/shot.mjs OUT_DIR [WIDTHxHEIGHT]`.
import { openPage, closeBrowser } from './harness.mjs';
import path from 'node:path';

const out = process.argv[2] || '/tmp/shots';
const [w, h] = (process.argv[3] || '1366x768').split('x').map(Number);
const s = await openPage();
await s.page.setViewportSize({ width: w, height: h });
await s.page.click('#btn-example').catch(() => {});
await s.page.waitForTimeout(800);
await s.page.screenshot({ path: path.join(out, `top-${w}x${h}.png`) });
await s.page.screenshot({ path: path.join(out, `full-${w}x${h}.png`), fullPage: true });
for (const id of ['progress-sec', 'breakdown-sec', 'diag-box']) {
  await s.page.evaluate((i) => document.getElementById(i) && document.getElementById(i).scrollIntoView(), id);
  await s.page.waitForTimeout(200);
  await s.page.screenshot({ path: path.join(out, `${id}-${w}x${h}.png`) });
}
await s.page.emulateMedia({ media: 'print' });
await s.page.pdf({ path: path.join(out, 'print.pdf'), format: 'A4', printBackground: true });
await s.close();
await closeBrowser();
console.log('written to', out);
