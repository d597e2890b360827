// The automation contract (issue 16, point 7): wuhao.evaluate accepts a request
// object or its JSON text, and a wrongly typed optional field is a warning
// diagnostic (request.field_type) while the rest of the request is still
// evaluated. Real core (pkg/wuhao.html).

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, openPage } from './harness.mjs';

after(closeBrowser);

const TSV = '指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032\n上交税金\t亿元\t6\t5.27\n';

test('evaluate takes JSON text; a wrongly typed field is a warning and the rest is evaluated', async () => {
  const s = await openPage();
  const { page } = s;
  const out = await page.evaluate((data) => {
    const req = { data, period: { year: 2022, month: 11 }, today: '2022-12-01' };
    const fromObject = window.wuhao.evaluate(req);
    const fromText = window.wuhao.evaluate(JSON.stringify(req));
    const typo = window.wuhao.evaluate({ data, period: { year: 2022, month: 11 }, settings: { slight_pp: '3', by_days: true }, detail: 'some' , splits: 'x' });
    return { fromObject, fromText, typo };
  }, TSV);
  assert.equal(out.fromText.parks.length, 1, 'JSON text is read as the request');
  assert.equal(out.fromText.parks[0].total, out.fromObject.parks[0].total);
  assert.equal(out.fromText.period.source, 'user');
  const kinds = out.typo.diagnostics.filter((d) => d.kind === 'request.field_type');
  assert.ok(kinds.length >= 2, JSON.stringify(out.typo.diagnostics));
  assert.ok(kinds.every((d) => d.level === 'warning'));
  assert.ok(kinds.some((d) => d.message.includes('settings.slight_pp')));
  assert.equal(out.typo.parks.length, 1, 'the rest of the request is still evaluated');
  assert.equal(out.typo.period.year, 2022);
  assert.equal(out.typo.period.source, 'user');
  s.assertClean();
  await s.close();
});
