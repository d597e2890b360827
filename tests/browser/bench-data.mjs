// The benchmark's data (tests/browser/bench.mjs): park-level statistics as a
// statistics office pastes them, generated deterministically.
//
//   node tests/browser/bench-data.mjs 20000 > /tmp/parks.tsv   # for native profiling

import { fileURLToPath } from 'node:url';

/* ---------- the data: park-level statistics as a statistics office pastes them ---------- */

// Column kinds: how a value is drawn and written. Money is in 亿元 or, as
// many park sheets keep it, in 万元 (the reader converts). `money` and `area` values are
// written with thousands separators once they reach 1,000 (1,234.56), `pct`
// with a percent sign (63.72%), the rest plain (34, 3.1).
// The first 28 columns are the built-in scheme's indicator and input names (the
// three formula indicators included, as a park's own sheet often carries them);
// the other 12 are park statistics the scheme does not use, read past as the
// page does with any extra column.
export const COLUMNS = [
  ['技工贸总收入（万元）', 'money', 200000, 30000000],
  ['上交税金（万元）', 'money', 5000, 1500000],
  ['固定资产投资额（万元）', 'money', 50000, 6000000],
  ['固定资产投资增速（%）', 'pct', -15, 40],
  ['制造业主营业务收入（万元）', 'money', 100000, 25000000],
  ['主导产业营业收入占比（%）', 'pct', 30, 95],
  ['高新技术产业营业收入占比（%）', 'pct', 20, 90],
  ['研究开发费用总额（万元）', 'money', 1000, 900000],
  ['进出口额（万元）', 'money', 5000, 8000000],
  ['实际利用外资（万元）', 'money', 100, 400000],
  ['实际利用省外境内资金（万元）', 'money', 10000, 4000000],
  ['新开工重大项目数（个）', 'int', 0, 60],
  ['新增专利授权（件）', 'int', 0, 900],
  ['新增园区公共服务平台（个）', 'int', 0, 6],
  ['新增园区生产性服务机构（个）', 'int', 0, 12],
  ['政务服务事项平均申报材料（件）', 'dec1', 2, 9],
  ['事项办理时限压缩率（%）', 'pct', 5, 70],
  ['体制机制改革评价（分）', 'dec1', 1, 4],
  ['综合容积率', 'dec2', 0.6, 2.2],
  ['已开发面积（亩）', 'money', 2000, 90000],
  ['一般生产安全事故（起）', 'rare', 0, 3],
  ['环保督察问题（个）', 'rare', 0, 5],
  ['较大及以上生产安全事故（起）', 'never', 0, 0],
  ['重大环境事件（起）', 'never', 0, 0],
  ['获批国家级省级平台或荣誉（个）', 'int', 0, 4],
  ['亩均税收（万元/亩）', 'dec2', 2, 40],
  ['亩均技工贸收入（万元/亩）', 'dec2', 80, 900],
  ['研发投入强度（%）', 'pct', 0.5, 6],
  ['规模以上工业增加值（万元）', 'money', 50000, 9000000],
  ['规模以上工业总产值（万元）', 'money', 200000, 32000000],
  ['规模以上工业企业数（家）', 'int', 200, 9000],
  ['高新技术企业数（家）', 'int', 50, 4000],
  ['从业人员（人）', 'area', 3000, 1800000],
  ['工业用电量（万千瓦时）', 'area', 5000, 900000],
  ['新签约项目数（个）', 'int', 0, 120],
  ['合同引资额（万元）', 'money', 10000, 9000000],
  ['标准厂房面积（平方米）', 'area', 100000, 6000000],
  ['规划面积（平方公里）', 'dec2', 3, 120],
  ['省级以上研发平台数（个）', 'int', 0, 80],
  ['亩均工业增加值（万元/亩）', 'dec2', 20, 600],
];

const CITIES = ['长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界', '益阳', '郴州', '永州', '怀化', '娄底', '湘西'];
const AREAS = ['东区', '西区', '南区', '北区', '高新片区', '临港片区', '综合保税区'];
const KINDS = ['高新技术产业开发区', '经济技术开发区', '工业集中区', '产业开发区', '工业园'];

/** A small deterministic PRNG (mulberry32), so every run pastes the same table. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 1234.5 → "1,234.50" (two decimals), 12345 → "12,345" (integers). */
function thousands(x, decimals) {
  const [int, frac] = x.toFixed(decimals).split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac ? `.${frac}` : '');
}

function cell(kind, lo, hi, rnd) {
  const x = lo + (hi - lo) * rnd();
  switch (kind) {
    case 'money':
      return thousands(x, 2);
    case 'area':
      return thousands(Math.round(x), 0);
    case 'pct':
      return `${x.toFixed(2)}%`;
    case 'int':
      return thousands(Math.round(x), 0);
    case 'dec1':
      return x.toFixed(1);
    case 'dec2':
      return x.toFixed(2);
    case 'rare':
      return rnd() < 0.9 ? '0' : String(Math.round(x));
    default:
      return '0';
  }
}

/** A parks-as-rows table: 园区 and 40 numeric columns, `rows` parks. */
export function parkTable(rows, seed = 1) {
  const rnd = prng(seed);
  const lines = [['园区', ...COLUMNS.map((c) => c[0])].join('\t')];
  for (let i = 0; i < rows; i++) {
    const name = `湖南省${CITIES[i % CITIES.length]}市${KINDS[Math.floor(i / CITIES.length) % KINDS.length]}第${i + 1}片区（${AREAS[i % AREAS.length]}）`;
    const cells = [name];
    for (const [, kind, lo, hi] of COLUMNS) cells.push(cell(kind, lo, hi, rnd));
    lines.push(cells.join('\t'));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * A decomposition (分解) of the park's 技工贸总收入 over `parts` enterprises, as a
 * county pastes it: a title with the unit, 企业 | 年度目标 | 1-11月累计, one row each.
 */
export function splitTable(parts, seed = 5) {
  const rnd = prng(seed);
  const lines = ['技工贸总收入目标分解（单位：亿元）', '企业\t年度目标\t1-11月累计'];
  for (let i = 0; i < parts; i++) {
    const target = 0.02 + 0.2 * rnd();
    const actual = target * (0.5 + 0.6 * rnd());
    lines.push(`${CITIES[i % CITIES.length]}第${i + 1}号企业有限公司\t${target.toFixed(4)}\t${actual.toFixed(4)}`);
  }
  return lines.join('\r\n') + '\r\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(parkTable(Number(process.argv[2] || 20000), Number(process.argv[3] || 1)));
}
