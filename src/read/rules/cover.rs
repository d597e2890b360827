//! Complete coverage: a rule is read only when every clause and every number
//! of it is accounted for by the method read (issue 28). The readers in
//! `mod.rs` recognise a form by its key words and take the numbers beside
//! them; this audit then walks the rule clause by clause and asks of each
//! whether the method says what it says: each number in it must be one of the
//! method's own figures (a step, a deduction, a cap, a tier bound …), the clause
//! must speak of something the method does, and no clause may carry a word of
//! a rule the method cannot express (另加, 一半, 上年, 不足…按…计 …). The first
//! clause left over is named; the rule is then 待定, never half read.

use super::{numbers, Num, RuleCx, VetoRead};
use crate::scheme::{Against, Gap, Method};

/// Words that say something no method expresses: a clause holding one is left over.
const FOREIGN: &[&str] = &[
    "另加", "再扣", "再加", "加扣", "另行", "一半", "基本分", "序时", "适当", "给予", "上年", "同比", "同期", "增长", "较上", "不足", "按…计", "其间", "之间",
    "依次", "首", "第2次", "第二次", "次起", "起每", "累计扣", "分别", "各占", "逆向", "功效", "极值", "最高值", "最低值",
    "此后", "增加一", "两次", "三次", "2次", "3次", "超额部分", "超额比例", "加减", "另", "否则", "未达到的", "未完成的", "未实现", "扣除",
    "持平", "靠前", "靠后", "末位", "各自", "均按",
];

/// Clauses that need no figure of their own once the method says so.
fn filler(c: &str, m: &Method) -> bool {
    if matches!(m, Method::Linear { whole_steps: true, .. }) && c.starts_with("不足") && c.ends_with('计') && !c.contains("比例") {
        return true;
    }
    // 不足1个百分点的按比例计算: what a 差额计分 does between whole steps.
    if matches!(m, Method::Linear { whole_steps: false, .. }) && c.starts_with("不足") && (c.ends_with("按比例计算") || c.ends_with("按比例扣分") || c.ends_with("按比例计")) {
        return true;
    }
    let floor0 = matches!(m, Method::Linear { floor, .. } if *floor == 0.0) || matches!(m, Method::Deduct { .. });
    (floor0 && (c == "扣完为止" || c == "扣完该项分值为止" || c == "扣完本项分值为止" || c == "扣完为止。"))
        || c == "满分"
        || c.starts_with("满分") && numbers(c).len() == 1
}

/// The figures a method is made of, in every way a rule may write them.
fn figures(m: &Method, w: f64) -> Vec<f64> {
    let mut v = vec![w];
    match m {
        Method::Linear { benchmark, step, minus, plus, plus_cap, share, floor, against, .. } => {
            v.extend([*step, *minus, *plus, *floor, share * 100.0, share * w]);
            v.extend(benchmark);
            if let Some(c) = plus_cap {
                v.extend([*c, w + c]);
            }
            if *against == Against::Target {
                v.push(100.0);
            }
        }
        Method::Completion { cap, zero_below, floor } => {
            v.extend([cap * 100.0, cap * w, 100.0, *floor, cap * w - w]);
            v.extend(zero_below.map(|z| z * 100.0));
            if *cap != 1.0 {
                v.push(*cap);
            }
        }
        Method::Tiers { tiers, .. } => {
            v.extend([100.0, 0.0]);
            for t in tiers {
                v.extend([t.min, t.points]);
                if w > 0.0 {
                    v.push(t.points / w * 100.0);
                }
            }
        }
        Method::Rank { first, step, top, tiers, floor, .. } => {
            v.extend([*step, f64::from(*top), f64::from(*top) + 1.0, *floor, 1.0]);
            v.extend(first);
            for t in tiers {
                v.extend([f64::from(t.upto), f64::from(t.upto) + 1.0, t.points]);
            }
        }
        Method::Deduct { items } => {
            v.push(1.0);
            v.extend(items.iter().map(|i| i.per));
        }
        Method::Benchmark { value } => v.extend([*value, 1.0, 100.0]),
        Method::Efficacy { .. } => v.extend([60.0, 40.0, 100.0]),
        _ => {}
    }
    v
}

/// Words a clause must hold one of to speak of what the method does.
fn vocabulary(m: &Method) -> &'static [&'static str] {
    match m {
        Method::Linear { .. } => &[
            "每低", "每少", "每减少", "每下降", "每降低", "每落后", "每差", "每超", "每高", "每增加", "每多", "每提高", "满分", "扣完为止", "最低", "最高", "最多", "加分",
            "基准", "标杆", "平均", "完成", "目标", "达到", "得", "上限", "扣至",
        ],
        Method::Completion { .. } => &["完成比例", "完成率", "比例", "完成值", "完成额", "实际", "分值", "满分", "封顶", "最高", "最低", "不超过", "倍", "目标任务", "未完成目标", "未达到目标"],
        Method::Tiers { .. } => &["得", "不得分", "分"],
        Method::Rank { .. } => &["名", "排名", "后移", "位", "最低", "其余", "以后", "之后"],
        Method::Deduct { .. } => &["发生", "每起", "扣", "不得分", "否决", "不得评为优秀", "扣完为止", "取消"],
        Method::Direct => &["打分", "评分", "评价", "酌情", "给分", "评议", "定性", "满分", "最高", "不超过"],
        _ => &[],
    }
}

/// A number that only names what is counted (50亿元以上的重大项目, 1000万元以上项目).
fn names_a_size(c: &str, n: &Num) -> bool {
    let rest = c.get(n.end..).unwrap_or("");
    ["亿元以上", "万元以上", "亿以上", "万美元以上"].iter().any(|k| rest.starts_with(k)) && !rest.contains("以上得") && !rest.contains("以上的得")
}

/// A tier's upper bound (六至九个得三分: 9 below the next tier's 10): a number
/// between a tier's bound written in the same clause and the next tier's.
fn tier_upper(m: &Method, nums: &[Num], v: f64) -> bool {
    let Method::Tiers { tiers, .. } = m else { return false };
    tiers.iter().any(|t| {
        let next = tiers.iter().map(|u| u.min).filter(|u| *u > t.min).fold(f64::INFINITY, f64::min);
        nums.iter().any(|n| (n.value - t.min).abs() < 1e-9) && v > t.min && v <= next
    })
}

/// Whether the clause's words fit the method (beyond its numbers).
fn fits(c: &str, m: &Method, cx: &RuleCx) -> bool {
    let c = c.replace("负增长", "下降到0以下").replace("按完成比例", "按完成率").replace("按比例计算", "按完成率").replace("未完成的按完成率", "按完成率").replace("未达到的按", "按").replace("未完成的不得分", "不得分");
    // The formula of 功效系数 / 极值 was checked whole by its reader; only numbers matter here.
    if matches!(m, Method::Efficacy { .. } | Method::MinMax) {
        return !["另", "再", "一半", "最低得", "最高得"].iter().any(|f| c.contains(f));
    }
    // 超额完成的按超额比例加分 is what a cap above the weight says.
    let c = if matches!(m, Method::Completion { cap, .. } if *cap > 1.0) { c.replace("超额完成的按超额比例加分", "可超过分值").replace("按超额比例加分", "可超过分值") } else { c };
    // 与上年相比增长10%及以上 / 下降不得分 is what tiers over growth read.
    let c = if matches!(m, Method::Tiers { basis: crate::scheme::TierBasis::Growth, .. }) {
        c.replace("与上年相比", "").replace("比上年", "").replace("较上年", "").replace("同比", "").replace("增长", "").replace("下降", "低于0")
    } else {
        c
    };
    if FOREIGN.iter().any(|f| c.contains(f)) {
        // 不足…按比例计算 is what a 差额计分 does between whole steps.
        return false;
    }
    // 增速 of an amount is growth over last year, which no method here reads.
    if c.contains("增速") && !matches!(cx.unit.trim(), "%" | "") {
        return false;
    }
    if c.contains("参评") && !matches!(m, Method::Rank { rank_input: None, .. } | Method::Linear { against: Against::Average, average_input: None, .. }) {
        return false;
    }
    match m {
        Method::Linear { against, .. } => {
            // A base the method does not have (平均 read as target …).
            if c.contains("平均") && *against != Against::Average || c.contains("标杆") && *against != Against::Benchmark {
                return false;
            }
            // 按完成比例得分 only where the deduction is exactly proportional.
            if c.contains("按完成率") || c.contains("按比例") {
                let Method::Linear { step, minus, gap, .. } = m else { return false };
                return *gap == Gap::Relative && *against == Against::Target && (minus - cx.weight * step / 100.0).abs() < 1e-9;
            }
            // 平均水平 of whom? Only 全省, 全市, 参评 or 同类 园区 say.
            if c.contains("平均") && !["全省", "全市", "参评", "同类", "各园区"].iter().any(|k| c.contains(k)) && !c.starts_with("达到平均") && !c.contains("于平均") {
                return false;
            }
            vocabulary(m).iter().any(|k| c.contains(k))
        }
        Method::Completion { zero_below, .. } => {
            if c.contains("标杆") || c.contains("平均") || c.contains("以下") {
                return false;
            }
            // 低于60%不得分 is this method's only when it has that threshold.
            if (c.contains("低于") || c.contains("不得分") || c.contains("不足") || c.contains("未达到")) && zero_below.is_none() {
                return false;
            }
            if c.contains("不得分") {
                return true;
            }
            // 目标值÷实际值 is the reverse of completion.
            if let Some(at) = c.find(['÷', '/']) {
                let (a, b) = c.split_at(at);
                if !(a.contains("完成") || a.contains("实际")) || !(b.contains("目标") || b.contains("任务") || b.contains("计划")) {
                    return false;
                }
            }
            vocabulary(m).iter().any(|k| c.contains(k))
        }
        Method::Benchmark { .. } => {
            // 实际值÷3%: the value over the benchmark; 3÷实际值 is the reverse.
            if let Some(at) = c.find(['÷', '/']) {
                if !c.get(..at).is_some_and(|a| a.contains("实际") || a.contains("本园区")) {
                    return false;
                }
            }
            ["标杆", "实际值", "按完成率", "按比例", "满分", "分值", "不超过", "最高"].iter().any(|k| c.contains(k))
        }
        Method::Direct => !c.contains("完成") && !c.contains("目标") && vocabulary(m).iter().any(|k| c.contains(k)),
        _ => vocabulary(m).iter().any(|k| c.contains(k)),
    }
}

/// The first clause of `t` the method does not account for, if any.
pub(super) fn leftover(t: &str, m: &Method, vetoes: &[VetoRead], cx: &RuleCx) -> Option<String> {
    let mut figs = figures(m, cx.weight);
    figs.extend(vetoes.iter().map(|v| v.above));
    for c in super::joined_clauses(t) {
        let c = c.as_str();
        if filler(c, m) {
            continue;
        }
        // A veto's own clauses: what happens (一票否决 …) and on what (发生…的).
        let veto_words = ["一票否决", "不得评为优秀", "定为不合格", "取消", "等次", "不参加排名", "排名列末位", "总分计为0分", "评为不合格"];
        let veto_clause = !vetoes.is_empty() && (veto_words.iter().any(|k| c.contains(k)) || vetoes.iter().any(|v| c.contains(v.input.as_str())));
        let nums = numbers(c);
        let loose = nums.iter().filter(|n| !names_a_size(c, n)).find(|n| !figs.iter().any(|f| (f - n.value).abs() < 1e-9) && !tier_upper(m, &nums, n.value));
        if loose.is_some() || !veto_clause && !fits(c, m, cx) {
            return Some(c.to_string());
        }
    }
    None
}

/// The same for a bonus or deduction per unit: its per and cap, nothing else.
pub(super) fn leftover_adjust(t: &str, per: f64, cap: f64, cx: &RuleCx) -> Option<String> {
    let figs = [per.abs(), cap, cx.weight, 1.0];
    for c in super::clauses(t) {
        let loose = numbers(c).into_iter().filter(|n| !names_a_size(c, n)).any(|n| !figs.iter().any(|f| (f - n.value).abs() < 1e-9));
        // A bonus per unit counts things; 每高于平均 / 每超目标 compares, which an adjustment does not.
        let compares = ["每高", "每低", "每超", "每少", "平均", "目标", "百分点", "比"].iter().any(|k| c.contains(k));
        let foreign = compares || FOREIGN.iter().any(|f| c.contains(f)) || (c.contains("第") && c.contains("名"));
        if loose || foreign {
            return Some(c.to_string());
        }
    }
    None
}
