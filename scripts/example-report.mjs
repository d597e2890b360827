// example-report.mjs — writes pkg/wuhao_example.json, the example's report the
// page shows on a first visit before its module is compiled (scripts/build.sh).
//
// The report is computed by the module just built, through the page's own
// core.js and request code (scripts/page-core.mjs), for the request the page
// makes on a first visit. The page shows it only when its own request has the
// same key (core.js, `embeddedReport`), then computes the live report and
// redraws only if it differs (tests/browser/cold-start.test.mjs checks that it
// never does). A report that changed with the date (`today`) could not be
// embedded: the build then writes an empty file and the page computes as before.
//
// Usage: node scripts/example-report.mjs [OUT.json]

import { writeFileSync } from 'fs';
import path from 'path';
import { loadPageCore, exampleRequest, ROOT } from './page-core.mjs';

const out = process.argv[2] || path.join(ROOT, 'pkg/wuhao_example.json');
const { WH } = await loadPageCore();
const glue = WH.glue();
const req = exampleRequest(WH);
const now = WH.evaluateText(req);
// The same request on other dates: the example names its period, so its report must not move.
const dates = ['2023-01-01', '2026-12-31', '2031-06-30'];
const moved = dates.filter((d) => WH.evaluateText(Object.assign({}, req, { today: d })).text !== now.text);
if (moved.length) {
  console.error(`example-report: the example's report differs on ${moved.join(', ')}; the page will compute it live`);
  writeFileSync(out, '');
} else {
  const block = { key: now.key, version: glue.version(), scheme: glue.defaultScheme(), report: now.text };
  // Inside an HTML data block: no "<" at all ("</script", "<!--"), as JSON escapes.
  writeFileSync(out, JSON.stringify(block).replace(/</g, '\\u003c'));
  console.error(`example-report: ${out} (${now.text.length} characters of report)`);
}
