/* example.js — the built-in example (the seed park with invented targets) and loading it. */
(function (WH) {
  'use strict';

  /* ---------- the example ---------- */

  // The seed park's real Jan–Nov figures (examples/hengshan-2022-jan-nov.tsv) with a
  // 年度目标 column added. Those targets are invented for illustration and the page
  // labels them 示例目标 wherever the example is shown.
  var EXAMPLE_TSV = [
    '指标名称\t单位\t年度目标\t1-11月累计\t备注',
    '技工贸总收入\t亿元\t165\t148.2032\t',
    '上交税金\t亿元\t6\t5.27\t',
    '固定资产投资额\t亿元\t48\t40.62\t',
    '固定资产投资增速\t%\t15\t17.67\t',
    '制造业主营业务收入\t亿元\t105\t94.46\t',
    '主导产业营业收入占比\t%\t65\t63.7\t',
    '综合容积率\t\t\t1.37\t工业上楼，由0.5提高到1.37',
    '高新技术产业营业收入占比\t%\t62\t63.12\t',
    '研究开发费用总额\t亿元\t5.5\t4.99\t',
    '进出口额\t亿元\t32\t25.9\t',
    '实际利用外资\t亿元\t2.8\t2.56\t',
    '实际利用省外境内资金\t亿元\t21\t18.88\t',
    '新开工重大项目数\t个\t12\t9\t',
    '新增专利授权\t件\t40\t34\t',
    '新增园区公共服务平台\t个\t1\t1\t',
    '新增园区生产性服务机构\t个\t4\t4\t',
    '政务服务事项平均申报材料\t件\t3.5\t3.1\t由5.9件减至3.1件',
    '事项办理时限压缩率\t%\t25\t25\t',
    '较大及以上生产安全事故\t起\t0\t0\t全年未发生死亡、重伤及以上事故'
  ].join('\n');

  // An invented split of the same park's 技工贸总收入 by area, adding up to the
  // park's figures, so the example also shows the decomposition check.
  var EXAMPLE_SPLIT = [
    '技工贸总收入目标分解（示例，虚构片区数据）',
    '片区\t年度目标\t1-11月累计',
    '板桥片区\t70\t63.5',
    '长安片区\t55\t49.2',
    '老园区\t40\t35.5032',
    '合计\t165\t148.2032'
  ].join('\n');

  var EXAMPLE_PARK = '衡山高新区';

  function loadExample() {
    WH.state.data = EXAMPLE_TSV;
    WH.state.parkName = EXAMPLE_PARK;
    WH.state.periodMode = 'manual';
    WH.state.year = 2022;
    WH.state.month = 11;
    WH.state.splits = [EXAMPLE_SPLIT];
    WH.state.example = true;
    WH.state.parkIndex = 0;
    WH.syncInputs();
    WH.changed(true);
  }

  WH.EXAMPLE_TSV = EXAMPLE_TSV;
  WH.EXAMPLE_SPLIT = EXAMPLE_SPLIT;
  WH.EXAMPLE_PARK = EXAMPLE_PARK;
  WH.loadExample = loadExample;
})(window.WH);
