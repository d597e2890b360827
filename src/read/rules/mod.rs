//! The rule reader: one 评分标准 written in prose (official 评价办法 tables) → a
//! scoring method and a read-back sentence, or "not understood" with why.
//!
//! Plain string scanning, no regex crate: the text is normalised first (full-width
//! digits, Chinese numerals such as 〇点二 / 两 / 十二, 百分之八十), split into
//! clauses at ，；。, and each form is recognised by its key words (每低 … 扣,
//! 每超 … 加, 按完成比例, 第1名 … 后移, 达到 … 得, 每发生一起 … 扣, 一票否决,
//! 评价打分 …). A rule that matches no form, or whose numbers are not where the
//! form puts them, is `Pending` with the reason: never guessed. The read-back is
//! written from the method that was read (`describe`), not from the text, so it
//! shows exactly what will be scored.

mod cover;
pub mod official;

use crate::base::text::rule_char;
use crate::scheme::{Against, DeductItem, Gap, Grade, Method, RankTier, Tier, TierBasis};
use crate::base::fmt::fmt_num;

/// What the table says about the row a rule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// An ordinary scored indicator.
    Indicator,
    /// A row under 加分项: a bonus after the sum.
    Bonus,
    /// A row under 扣分项: a deduction after the sum.
    Deduction,
    /// A row stating the grades (等次评定).
    Grades,
}

/// The indicator a rule is read for.
#[derive(Clone, Copy, Debug)]
pub struct RuleCx<'a> {
    pub name: &'a str,
    /// The indicator's unit label ("%" makes 每低 1 个百分点 a plain difference).
    pub unit: &'a str,
    /// 分值.
    pub weight: f64,
    pub context: Context,
}

pub use crate::scheme::VetoKind;


/// A veto a rule declares (一票否决, 不得评为优秀) on a count of events: it
/// applies when the count is above `above`.
#[derive(Clone, Debug, PartialEq)]
pub struct VetoRead {
    pub input: String,
    pub reason: String,
    pub kind: VetoKind,
    pub above: f64,
}

/// What a rule became.
#[derive(Clone, Debug, PartialEq)]
pub enum Form {
    /// A scoring method (`Method::Pending` when not understood) and any vetoes.
    Indicator { method: Method, vetoes: Vec<VetoRead> },
    /// A bonus (per > 0) or deduction (per < 0) per unit after the sum, capped.
    Adjust { per: f64, cap: f64 },
    /// Grade thresholds.
    Grades(Vec<Grade>),
}

/// A rule as read: the form, the read-back sentence (读作：… or 未能读懂：…).
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub form: Form,
    pub readback: String,
    /// False when the rule was not understood.
    pub understood: bool,
}

/// The longest rule text read, in characters. An official table's 评分标准 runs to
/// a few hundred characters at most (the longest in `tests/rules` is 138); past
/// this the cell is not a rule, and it is said so instead of being scanned.
pub const MAX_RULE_CHARS: usize = 10_000;

/// The longest run of Chinese numerals read as one number (一百二十三点四五 is 8);
/// a longer run stays text, so no run is scanned more than this many times, and
/// none holds more digits than a u64 (`cn_value` checks its arithmetic besides).
const MAX_NUMERAL_RUN: usize = 16;

/// Reads one rule text in its context.
pub fn read_rule(text: &str, cx: &RuleCx) -> Reading {
    let chars = text.chars().count();
    let t = if chars > MAX_RULE_CHARS { String::new() } else { normalize(text) };
    let result = match cx.context {
        _ if chars > MAX_RULE_CHARS => Err(format!("规则文字过长（{chars} 字，超过 {MAX_RULE_CHARS} 字），未读")),
        Context::Indicator => match read_interpolation(&t, cx) {
            // It reads every clause itself, or none.
            Some(r) => r.and_then(|r| sane(r, cx)),
            None => read_indicator(&t, cx).and_then(|r| sane(r, cx)).and_then(|r| covered(&t, r, cx)),
        }
        .map(|(method, vetoes, notes)| (Form::Indicator { method, vetoes }, notes)),
        Context::Bonus | Context::Deduction => read_adjust(&t, cx).and_then(|f| match &f {
            Form::Adjust { per, cap } => match cover::leftover_adjust(&t, *per, *cap, cx) {
                Some(c) => Err(left_over(&c)),
                None => Ok(f),
            },
            _ => Ok(f),
        }).map(|f| (f, Vec::new())),
        Context::Grades => read_grades(&t).map(|f| (f, Vec::new())),
    };
    match result {
        Ok((form, notes)) => {
            let mut readback = format!("读作：{}", describe_form(&form, cx));
            for n in notes {
                readback.push_str(&format!("（{n}）"));
            }
            Reading { form, readback, understood: true }
        }
        Err(why) => Reading {
            readback: format!("未能读懂：{why}；本项按待定计，请选定计分方法"),
            form: Form::Indicator { method: Method::Pending { why }, vetoes: Vec::new() },
            understood: false,
        },
    }
}

/// Why a rule with a clause left over is 待定: the clause, as normalised.
fn left_over(clause: &str) -> String {
    format!("“{clause}”未读出（整条规则须每一句、每个数都读懂才计分）")
}

/// A reading that leaves a clause or a number of the rule unaccounted for is no reading.
fn covered(t: &str, r: (Method, Vec<VetoRead>, Vec<String>), cx: &RuleCx) -> Read {
    match cover::leftover(t, &r.0, &r.1, cx) {
        Some(c) => Err(left_over(&c)),
        None => Ok(r),
    }
}

/// A method read from words must also be one the scheme accepts (tiers within
/// the weight, a floor below it …); otherwise the rule is not understood.
fn sane(r: (Method, Vec<VetoRead>, Vec<String>), cx: &RuleCx) -> Read {
    let mut s = crate::scheme::Scheme::empty("");
    if let Method::Deduct { items } = &r.0 {
        s.inputs = items.iter().map(|i| crate::scheme::Input { name: i.input.clone(), aliases: Vec::new(), unit: "起".into() }).collect();
    }
    let ind = crate::scheme::Indicator {
        name: cx.name.to_string(),
        aliases: Vec::new(),
        dimension: String::new(),
        unit: cx.unit.to_string(),
        weight: cx.weight,
        direction: crate::scheme::Direction::Positive,
        method: r.0.clone(),
        formula: None,
        missing_score: 0.0,
    };
    match crate::scheme::method_problems(&s, &ind).into_iter().next() {
        None => Ok(r),
        Some(fault) => Err(crate::diag::problem::Problem::Method { indicator: cx.name.to_string(), fault }.message()),
    }
}

// ---------------------------------------------------------------------------
// Normalising
// ---------------------------------------------------------------------------

const CN_DIGITS: &str = "〇零一二两三四五六七八九";
/// Characters after which a run of Chinese numerals is a number (一个, 两分, 第一名).
const MEASURES: &str = "个分名位%起项件次家倍档亿万元人条天处宗倍-至到以及、的";

fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese numeral run such as 十二, 二十, 一百, 〇点二, 零点五.
fn cn_value(run: &str) -> Option<String> {
    let (int, frac) = match run.split_once('点') {
        Some((a, b)) => (a, Some(b)),
        None => (run, None),
    };
    let mut total: u64 = 0;
    let mut cur: u64 = 0;
    let mut any = false;
    for c in int.chars() {
        match c {
            '十' => {
                total = total.checked_add(cur.max(1).checked_mul(10)?)?;
                cur = 0;
            }
            '百' => {
                total = total.checked_add(cur.max(1).checked_mul(100)?)?;
                cur = 0;
            }
            c => {
                let d = cn_digit(c)?;
                cur = cur.checked_mul(10)?.checked_add(d)?;
            }
        }
        any = true;
    }
    total = total.checked_add(cur)?;
    let mut out = if any || frac.is_some() { total.to_string() } else { return None };
    if let Some(f) = frac {
        let digits: Option<String> = f.chars().map(|c| cn_digit(c).map(|d| char::from(b'0' + d as u8))).collect();
        let digits = digits.filter(|d| !d.is_empty())?;
        out.push('.');
        out.push_str(&digits);
    }
    Some(out)
}

/// Full-width forms to ASCII, Chinese numerals (where a measure word follows) to
/// Arabic, 百分之八十 to 80%, dashes to '-', blanks removed.
pub fn normalize(text: &str) -> String {
    const PP: char = '\u{e000}';
    let mut t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(rule_char)
        .collect();
    t = t.replace("百分点", &PP.to_string()).replace("大于等于", "≥").replace(">=", "≥").replace("不低于", "≥");
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    let is_num = |c: char| CN_DIGITS.contains(c) || c == '十' || c == '百' || c == '点';
    while let Some(&c) = chars.get(i) {
        // 百分之八十 → 80%
        if c == '百' && chars.get(i + 1) == Some(&'分') && chars.get(i + 2) == Some(&'之') {
            let start = i + 3;
            let mut j = start;
            while chars.get(j).is_some_and(|&d| is_num(d) || d.is_ascii_digit() || d == '.') {
                j += 1;
            }
            let run: String = chars.get(start..j).unwrap_or(&[]).iter().collect();
            let v = if run.chars().all(|d| d.is_ascii_digit() || d == '.') && !run.is_empty() { Some(run) } else { cn_value(&run) };
            if let Some(v) = v {
                out.push_str(&v);
                out.push('%');
                i = j;
                continue;
            }
        }
        if is_num(c) && c != '点' {
            let mut j = i;
            while chars.get(j).is_some_and(|&d| is_num(d)) {
                j += 1;
            }
            let run: String = chars.get(i..j).unwrap_or(&[]).iter().collect();
            let next = chars.get(j).copied();
            let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
            let numeric = next.is_some_and(|n| MEASURES.contains(n) || n == PP) || prev == Some('第') || prev == Some('前');
            if !numeric || j - i > MAX_NUMERAL_RUN {
                // Not a number here, and not at any later start in the run either
                // (each has a numeral before it and the same character after), or
                // too long to be one: the whole run stays text, scanned once.
                out.extend(chars.get(i..j).unwrap_or(&[]));
                i = j;
                continue;
            }
            if run.chars().any(|d| d != '点') {
                if let Some(v) = cn_value(run.trim_end_matches('点')) {
                    out.push_str(&v);
                    // A trailing 点 that was no decimal point stays text.
                    if run.ends_with('点') {
                        out.push('点');
                    }
                    i = j;
                    continue;
                }
            }
            out.push(c);
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out.replace(PP, "百分点")
}

/// A number in normalised text: its byte range, value and whether % follows.
#[derive(Clone, Copy, Debug)]
struct Num {
    start: usize,
    end: usize,
    value: f64,
    pct: bool,
}

fn numbers(t: &str) -> Vec<Num> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b.get(i).is_some_and(u8::is_ascii_digit) {
            let start = i;
            while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'.') {
                i += 1;
            }
            let s = t.get(start..i).unwrap_or("").trim_end_matches('.');
            let pct = b.get(i) == Some(&b'%');
            if let Ok(value) = s.parse::<f64>() {
                out.push(Num { start, end: if pct { i + 1 } else { i }, value, pct });
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The first number after the first of `keys` found in `t`, within `window` bytes.
fn num_after(t: &str, keys: &[&str]) -> Option<Num> {
    keys.iter().filter_map(|k| t.find(k).map(|p| p + k.len())).min().and_then(|at| numbers(t).into_iter().find(|n| n.start >= at && n.start <= at + 12))
}

fn clauses(t: &str) -> Vec<&str> {
    t.split([',', ';', '。', '\n', '，', '；']).map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// Clauses, a condition and its points split by a comma joined into one
/// (完成省下达目标任务的，得满分).
fn joined_clauses(t: &str) -> Vec<String> {
    let mut joined: Vec<String> = Vec::new();
    for c in clauses(t) {
        match joined.last_mut() {
            Some(last) if c.starts_with('得') && !last.contains('得') => last.push_str(c),
            // 比上年下降的，该项不得分: the condition and its consequence.
            Some(last) if last.ends_with('的') && ["该项不得分", "本项不得分", "不得分"].contains(&c) => last.push_str(c),
            _ => joined.push(c.to_string()),
        }
    }
    joined
}

fn has_any(t: &str, keys: &[&str]) -> bool {
    keys.iter().any(|k| t.contains(k))
}

// ---------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------

type Read = Result<(Method, Vec<VetoRead>, Vec<String>), String>;

const SHORT: &[&str] = &["每低于", "每低", "每少于", "每少", "每减少", "每下降", "每降低", "每落后", "每差"];
const OVER: &[&str] = &["每超过", "每超出", "每超", "每高于", "每高出", "每高", "每增加", "每多", "每提高"];
const PROPORTIONAL: &[&str] = &["完成值÷目标值×分值", "实际完成额/目标任务额", "完成额/目标", "实际完成比例", "按完成比例", "完成率×分值", "完成率乘以分值", "按完成率计分", "按完成率得分", "按完成率计算得分", "按比例得分", "按比例计分", "完成比例×分值"];
const QUALITATIVE: &[&str] = &["情况评分", "结果评分", "评价打分", "定性评价", "酌情", "打分", "给分", "综合评价", "评议"];

fn read_indicator(t: &str, cx: &RuleCx) -> Read {
    if t.is_empty() {
        return Err("评分标准为空".into());
    }
    if let Some(r) = read_spread(t) {
        return r;
    }
    if has_any(t, &["发生", "出现", "存在"]) || has_any(t, VETO_WORDS) || ["每起", "每次", "每例"].iter().any(|k| t.contains(k)) {
        return read_events(t, cx);
    }
    if t.contains("后移") || t.contains("排名") || (t.contains("名") && (t.contains("前") || t.contains("第1名"))) {
        return read_rank(t, cx);
    }
    if has_any(t, SHORT) || has_any(t, OVER) {
        return read_linear(t, cx);
    }
    if t.contains("标杆") && has_any(t, &["按比例", "÷", "/", "×分值", "×"]) {
        return read_benchmark(t);
    }
    if has_any(t, PROPORTIONAL) {
        return read_proportional(t, cx.weight);
    }
    if let Some(r) = read_tiers(t, cx) {
        return r;
    }
    if has_any(t, QUALITATIVE) {
        return Ok((Method::Direct, Vec::new(), Vec::new()));
    }
    Err("未识别出计分方式（如 每低…扣…分、按完成比例得分、排名、分档、每发生…扣…分、评价打分）".into())
}

const VETO_WORDS: &[&str] = &["一票否决", "不得评为优秀", "取消评优", "不得评优", "取消评先评优", "定为不合格", "确定为不合格", "评为不合格"];

/// What a rule's veto does: 定为不合格, 一票否决 (the total), or 不得评为优秀.
fn veto_kind(t: &str) -> VetoKind {
    if t.contains("不合格") {
        VetoKind::Fail
    } else if t.contains("一票否决") {
        VetoKind::Total
    } else {
        VetoKind::NotExcellent
    }
}

/// The event a clause names: 发生(一起)X的 / 出现X / 存在X行为 / 被X通报的 / X每起扣.
fn event_name(c: &str) -> Option<String> {
    let verb = ["发生", "出现", "存在"].iter().filter_map(|v| c.find(v).map(|p| (p, v.len()))).min();
    let rest = match verb {
        Some((p, l)) => c.get(p + l..).unwrap_or(""),
        None if c.starts_with('被') => c.get('被'.len_utf8()..).unwrap_or(""),
        None if ["每起", "每次", "每例", "每个"].iter().any(|k| c.contains(k)) => c,
        None => return None,
    };
    let rest = rest.trim_start_matches(|ch: char| ch.is_ascii_digit() || ch == '.');
    let rest = rest.trim_start_matches(['起', '次', '件', '个', '宗', '例']);
    let end = ["扣", "减", "的", "即", "时", "则", "该", "本", "并", "实行", "不得", "每", "行为", "一票", "考核"].iter().filter_map(|k| rest.find(k)).min().unwrap_or(rest.len());
    let name = rest.get(..end).unwrap_or("").trim_matches(['(', ')', '"', '“', '”', '、']).to_string();
    (!name.is_empty() && !name.starts_with("扣")).then_some(name)
}

/// The points one event costs, when the clause says 每(发生一)起…扣 x.
fn per_event(c: &str) -> Option<Option<f64>> {
    let each = ["每发生", "每出现", "每起", "每次", "每例", "每个", "每处", "每件"].iter().any(|k| c.contains(k));
    each.then(|| num_after(c, &["扣", "减"]).map(|n| n.value).filter(|v| *v > 0.0))
}

/// 每发生一起…扣x分; 发生…的该项不得分; 实行一票否决 / 不得评为优秀 / 定为不合格.
fn read_events(t: &str, cx: &RuleCx) -> Read {
    let mut items: Vec<DeductItem> = Vec::new();
    let mut events: Vec<String> = Vec::new();
    let mut thresholds: Vec<(String, f64)> = Vec::new();
    let mut last: Option<String> = None;
    for c in clauses(t) {
        // 违法用地比例超过15%的: a veto above a level, not on a count.
        if let (Some(at), Some(n)) = (c.find("超过"), num_after(c, &["超过"])) {
            let name = c.get(..at).unwrap_or("").to_string();
            if !name.is_empty() && !c.contains('扣') {
                thresholds.push((name, n.value));
                continue;
            }
        }
        let name = event_name(c);
        match (name, per_event(c)) {
            (_, Some(None)) => return Err(format!("“{c}”没有写明每起扣几分")),
            (Some(n), Some(Some(p))) => {
                // An event named again is the same event (a rule repeated deducts once per event,
                // and the events stay few, so the coverage check is linear in the text).
                if !items.iter().any(|i| i.input == n) {
                    items.push(DeductItem { input: n.clone(), per: p });
                }
                if !events.contains(&n) {
                    events.push(n);
                }
            }
            (None, Some(Some(p))) => match last.take() {
                Some(n) => items.push(DeductItem { input: n, per: p }),
                None => return Err(format!("“{c}”看不出是哪类事件")),
            },
            (Some(n), None) => {
                // 发生较大及以上生产安全事故或重大环境污染事件的: two events.
                let parts: Vec<String> = n.split('或').map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect();
                last = parts.last().cloned();
                for p in parts {
                    if !events.contains(&p) {
                        events.push(p);
                    }
                }
            }
            (None, None) => {}
        }
    }
    let zero = has_any(t, &["不得分", "得0分", "计0分", "该项为0", "本项为0", "未发生的得满分"]);
    let veto = has_any(t, VETO_WORDS);
    if zero {
        let mut have: std::collections::HashSet<String> = items.iter().map(|i| i.input.clone()).collect();
        for e in &events {
            if have.insert(e.clone()) {
                items.push(DeductItem { input: e.clone(), per: cx.weight });
            }
        }
    }
    let kind = veto_kind(t);
    let mut vetoes: Vec<VetoRead> = Vec::new();
    if veto {
        // The events with no points of their own each (发生较大事故的 … 一票否决).
        // (A set, so that many events and many items stay linear: the text is long at most MAX_RULE_CHARS.)
        let scored: std::collections::HashSet<&str> = items.iter().filter(|i| i.per != cx.weight).map(|i| i.input.as_str()).collect();
        let on: Vec<&String> = events.iter().filter(|e| !scored.contains(e.as_str())).collect();
        let on = if on.is_empty() { events.iter().collect() } else { on };
        vetoes = on.into_iter().map(|e| VetoRead { input: e.clone(), reason: format!("发生{e}"), kind, above: 0.0 }).collect();
        vetoes.extend(thresholds.iter().map(|(n, v)| VetoRead { input: n.clone(), reason: format!("{n}超过{}", fmt_num(*v)), kind, above: *v }));
    }
    if events.is_empty() && vetoes.is_empty() {
        return Err("写了一票否决或发生事件，但看不出是哪类事件".into());
    }
    if items.is_empty() {
        if cx.weight == 0.0 {
            // A veto row with no points: an indicator worth 0 that only vetoes.
            return Ok((Method::Direct, vetoes, Vec::new()));
        }
        return Err("只写了一票否决，未写本项如何得分".into());
    }
    Ok((Method::Deduct { items }, vetoes, Vec::new()))
}

/// 排名第1的得满分，每后移一位减0.5分 / 前10名得满分 / 第1-3名得6分，第4-6名得5分.
fn read_rank(t: &str, cx: &RuleCx) -> Read {
    let w = cx.weight;
    let mut first = None;
    let mut top: u32 = 1;
    let mut step = 0.0;
    let mut floor = 0.0;
    let mut tiers: Vec<RankTier> = Vec::new();
    let points_of = |c: &str| -> Option<f64> {
        if c.contains("满分") {
            return Some(w);
        }
        if has_any(c, &["不得分", "得0分"]) {
            return Some(0.0);
        }
        let n = num_after(c, &["得"])?;
        Some(if n.pct { w * n.value / 100.0 } else { n.value })
    };
    for c in clauses(t) {
        if c.contains("后移") || c.contains("每下降一") || c.contains("每低一") {
            match num_after(c, &["减", "扣"]) {
                Some(n) => step = n.value,
                None => return Err(format!("“{c}”没有写明每后移一位减几分")),
            }
            continue;
        }
        if c.contains("最低") {
            if let Some(n) = num_after(c, &["最低得", "最低"]) {
                floor = n.value;
            }
            continue;
        }
        if c.contains("其余") || c.contains("以后") || c.contains("及以下") || c.contains("之后") {
            if let Some(p) = points_of(c) {
                floor = p;
            }
            continue;
        }
        let ranks: Vec<Num> = numbers(c).into_iter().filter(|n| c.get(n.end..).is_some_and(|r| r.starts_with('名') || r.starts_with("的") || r.starts_with('-') || r.starts_with('至'))).collect();
        let Some(p) = points_of(c) else { continue };
        let upto = ranks.iter().filter(|n| c.get(..n.start).is_some_and(|b| !b.ends_with("得"))).map(|n| n.value).fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
        let Some(upto) = upto else { continue };
        let upto = upto as u32;
        if c.contains('前') || c.contains('-') || c.contains('至') || !tiers.is_empty() {
            tiers.push(RankTier { upto, points: p });
        } else {
            // 第1名得满分 / 第一名得6分
            first = (!c.contains("满分")).then_some(p);
        }
    }
    if step > 0.0 {
        // 前10名得满分，其余每后移一位减… : the first tier is the head.
        if let Some(t0) = tiers.first() {
            top = t0.upto;
            first = Some(t0.points).filter(|p| (*p - w).abs() > 1e-9 || !t.contains("满分"));
        }
        tiers.clear();
    } else if tiers.is_empty() {
        return Err("写了排名，但未写各名次的得分".into());
    }
    let rank_input = (!has_any(t, &["参评", "参加评价", "各园区"])).then(|| format!("{}排名", cx.name));
    Ok((Method::Rank { first, step, top, tiers, floor, rank_input }, Vec::new(), Vec::new()))
}

/// 每低 … 扣 / 每超 … 加 around a target, an average or a benchmark.
fn read_linear(t: &str, cx: &RuleCx) -> Read {
    let w = cx.weight;
    let percent_unit = cx.unit.trim() == "%";
    let (mut step, mut minus, mut plus, mut plus_cap, mut floor, mut share) = (1.0, 0.0, 0.0, None, 0.0, 1.0);
    let mut top: Option<f64> = None;
    let mut step_clause = String::new();
    let mut gap: Option<Gap> = None;
    let relative_words = t.contains("完成率") || t.contains("完成比例");
    let unit_gap = |c: &str, at: usize| -> Gap {
        // What follows the step: 个百分点 / % / a unit such as 个, 项, 万元.
        let tail = c.get(at..).unwrap_or("");
        if relative_words {
            Gap::Relative
        } else if tail.starts_with("个百分点") || tail.starts_with("百分点") || tail.starts_with('%') {
            // Points of a rate are a plain difference; of an amount, a share of the reference.
            if percent_unit {
                Gap::Absolute
            } else {
                Gap::Relative
            }
        } else {
            Gap::Absolute
        }
    };
    for c in clauses(t) {
        let short = SHORT.iter().find(|k| c.contains(*k));
        let over = OVER.iter().find(|k| c.contains(*k));
        if let Some(k) = short.or(over) {
            let at = c.find(k).map(|p| p + k.len()).unwrap_or(0);
            // The step is the number right after 每低 (目标值 may stand between).
            let nums = numbers(c);
            let step_num = nums.iter().find(|n| n.start >= at && c.get(at..n.start).is_some_and(|b| b.chars().count() <= 5));
            // A step in another unit of money (每少1000万元 of an indicator in 亿元) is not read as this unit.
            if let Some(n) = step_num {
                let tail = c.get(n.end..).unwrap_or("");
                if ["万元", "亿元", "万美元", "元"].iter().any(|u| tail.starts_with(u) && !cx.unit.starts_with(u)) {
                    return Err(format!("“{c}”的单位与指标单位“{}”不同", cx.unit));
                }
            }
            let (s, g) = match step_num {
                Some(n) => (n.value, unit_gap(c, if n.pct { n.end - 1 } else { n.end })),
                None if c.get(at..).is_some_and(|r| r.contains("百分点")) => (1.0, unit_gap(c, c.find("百分点").unwrap_or(at))),
                None => return Err(format!("“{c}”没有写明每低（超）多少")),
            };
            step = s;
            gap = gap.or(Some(g));
            if step_clause.is_empty() {
                step_clause = c.to_string();
            }
            if short.is_some() {
                match num_after(c, &["扣", "减"]) {
                    Some(n) => minus = n.value,
                    None => return Err(format!("“{c}”没有写明扣几分")),
                }
            } else {
                match num_after(c, &["加"]) {
                    Some(n) => plus = n.value,
                    None if c.contains("扣") || c.contains("减") => return Err(format!("“{c}”写的是超过却扣分，看不懂")),
                    None => return Err(format!("“{c}”没有写明加几分")),
                }
            }
        }
        if let Some(n) = num_after(c, &["最高加", "最多加", "加分最高", "加分不超过", "加分上限", "最高可加", "累计加分不超过"]) {
            plus_cap = Some(n.value);
        }
        if let Some(n) = num_after(c, &["最低得", "最低", "扣至"]) {
            if !c.contains("最低档") {
                floor = n.value;
            }
        }
        let stepping = short.is_some() || over.is_some();
        if !stepping && c.contains("得") && has_any(c, &["达到", "平均", "完成", "目标", "基准", "标杆", "基础分"]) && !c.contains("满分") {
            if let Some(n) = num_after(c, &["得分值的", "得"]) {
                share = if n.pct { n.value / 100.0 } else if w > 0.0 { n.value / w } else { 1.0 };
            }
        }
        if let Some(n) = num_after(c, &["基础分为分值的", "基础分为"]) {
            share = if n.pct { n.value / 100.0 } else if w > 0.0 { n.value / w } else { 1.0 };
        }
        // 本项最高6分 above a reference score of 5: at most 1 point added.
        if !stepping && !c.contains("最高加") {
            if let Some(n) = num_after(c, &["本项最高", "最高得", "最高"]).filter(|n| !n.pct && c.get(n.end..).is_some_and(|r| r.starts_with('分'))) {
                top = Some(n.value);
            }
        }
    }
    let mut benchmark = None;
    let against = if t.contains("平均") {
        Against::Average
    } else if t.contains("目标") || t.contains("任务") || relative_words || t.contains("计划") {
        Against::Target
    } else {
        // 以70%为标杆值 / 达到15万元/亩得满分: a fixed level.
        let n = num_after(t, &["标杆值为", "以", "达到"]).or_else(|| num_after(t, &["标杆值"]));
        match n {
            Some(n) => {
                benchmark = Some(n.value);
                Against::Benchmark
            }
            // 每低1个百分点 of an amount can only be of its completion; anything else needs a base.
            None if gap == Some(Gap::Relative) && !percent_unit => Against::Target,
            // 每少1件 / 每多1家: fewer or more than the number set, the target.
            None if ["每少", "每多"].iter().any(|k| step_clause.contains(k)) => Against::Target,
            None => return Err(format!("“{step_clause}”未写明与什么比（目标、上年还是平均值）")),
        }
    };
    // 以50%为目标: a fixed level written as the target.
    let (against, benchmark) = match num_after(t, &["以"]).filter(|n| t.get(n.end..).is_some_and(|r| r.starts_with("为目标"))) {
        Some(n) => (Against::Benchmark, Some(n.value)),
        None => (against, benchmark),
    };
    let points_word = step_clause.contains("百分点");
    // 占比 每低1个百分点 against a target only said as 完成目标: a share's points or completion's? Two readings.
    if against == Against::Target && percent_unit && points_word && !has_any(t, &["比目标", "较目标", "低于目标", "目标值", "目标增速", "完成率", "完成比例"]) {
        return Err(format!("“{step_clause}”：占比的百分点还是完成率的百分点，原文未说明"));
    }
    // 亩均税收 每低1个百分点 against an average: a share of the average or a difference? Two readings.
    if against == Against::Average && !percent_unit && points_word {
        return Err(format!("“{step_clause}”：非比率指标与平均值相差的百分点，原文未说明按比例还是按差值"));
    }
    let mut gap = gap.unwrap_or(Gap::Relative);
    if against == Against::Benchmark && !relative_words {
        gap = if t.contains('%') && !percent_unit { Gap::Relative } else { Gap::Absolute };
    }
    let average_input = (against == Against::Average && !t.contains("参评")).then(|| {
        let word = if t.contains("同类园区平均") { "同类园区平均" } else if t.contains("全市平均") { "全市平均" } else { "全省平均" };
        format!("{}{word}", cx.name)
    });
    // 按完成比例得分；超额完成的，每超10个百分点加0.5分: below the target the
    // score is proportional, which is w × step ÷ 100 lost per step of completion.
    if has_any(t, PROPORTIONAL) && minus == 0.0 && plus > 0.0 && against == Against::Target && gap == Gap::Relative {
        minus = w * step / 100.0;
    }
    if let Some(top) = top.filter(|v| (*v - w).abs() > 1e-9 && plus_cap.is_none()) {
        plus_cap = Some(top - w * share);
    }
    // 不足1个百分点的按1个百分点计 / 不足2件按2件计.
    let whole_steps = clauses(t).iter().any(|c| c.starts_with("不足") && c.contains('按') && c.ends_with('计') && !c.contains("比例") && numbers(c).len() == 2 && numbers(c).iter().all(|n| (n.value - step).abs() < 1e-9));
    let m = Method::Linear { against, benchmark, gap, step, minus, plus, plus_cap, share, floor, average_input, whole_steps };
    Ok((m, Vec::new(), Vec::new()))
}

/// 达到1.2及以上得满分，低于0.8不得分，其间按（实际值－0.8）÷0.4×分值计分 /
/// 其间每高1个点得0.3分: a straight line from nothing at the lower level to full
/// marks at the upper, which is a 差额计分 from the upper level whose points run
/// out exactly at the lower. Every clause must be one of the three; the line must
/// meet both ends, or the rule is not this form.
fn read_interpolation(t: &str, cx: &RuleCx) -> Option<Read> {
    if !has_any(t, &["其间", "之间"]) || !t.contains("满分") || !t.contains("不得分") {
        return None;
    }
    let (mut full, mut zero, mut line, mut pending_zero) = (None, None, None, None);
    for c in clauses(t) {
        let nums = numbers(c);
        let first = nums.first().map(|n| n.value);
        if has_any(c, &["其间", "之间"]) {
            if c.contains('÷') && c.contains("分值") && nums.len() == 2 {
                line = nums.get(1).map(|s| (s.value, cx.weight, nums.first().map(|z| z.value)));
            } else if let Some(step) = num_after(c, &["每高", "每增加", "每提高", "每多"]) {
                // The points are the number after the step (每增加1个百分点得0.2分).
                let points = nums.iter().find(|n| n.start > step.start)?;
                line = Some((step.value, points.value, None));
            } else {
                return Some(Err(format!("“{c}”：区间内如何计分，原文未写明（按完成比例还是按区间比例）")));
            }
        } else if c.contains("满分") && has_any(c, &["达到", "以上"]) && nums.len() == 1 {
            full = first;
        } else if has_any(c, &["低于", "以下", "不足"]) && nums.len() == 1 {
            if c.contains("不得分") {
                zero = first;
            } else {
                pending_zero = first;
            }
        } else if c.ends_with("不得分") && nums.is_empty() && pending_zero.is_some() {
            zero = pending_zero.take();
        } else {
            return None;
        }
    }
    let (Some(f), Some(z), Some((step, points, formula_zero))) = (full, zero, line) else { return None };
    let w = cx.weight;
    // The line meets both ends: (f − z) ÷ step × points = the weight, and a formula's own lower level is z.
    let meets = f > z && step > 0.0 && ((f - z) / step * points - w).abs() < 1e-6 && formula_zero.is_none_or(|fz| (fz - z).abs() < 1e-9);
    if !meets {
        return Some(Err(format!("区间 {}—{} 的计分与两端的得分接不上", fmt_num(z), fmt_num(f))));
    }
    let m = Method::Linear {
        against: Against::Benchmark,
        benchmark: Some(f),
        gap: Gap::Absolute,
        step,
        minus: points,
        plus: 0.0,
        plus_cap: None,
        share: 1.0,
        floor: 0.0,
        average_input: None,
        whole_steps: false,
    };
    Some(Ok((m, Vec::new(), Vec::new())))
}

/// 功效系数法 with the pasted parks' best as 满意值 and worst as 不允许值, and
/// 极值法 over the pasted parks: the methods that score a park by its place
/// between the others.
fn read_spread(t: &str) -> Option<Read> {
    let over_parks = has_any(t, &["参评园区", "各园区", "参评"]);
    if t.contains("功效系数") {
        let bounds = t.contains("最高值为满意值") && t.contains("最低值为不允许值");
        let formula = t.contains("60+40×");
        return Some(if over_parks && bounds && formula {
            Ok((Method::Efficacy { satisfactory: None, unacceptable: None }, Vec::new(), Vec::new()))
        } else {
            Err("功效系数法未写明以参评园区最高值、最低值为满意值、不允许值，或公式不是 60+40×…".into())
        });
    }
    if t.contains("极值法") || (t.contains("最小值") && t.contains("最大值") && t.contains('÷')) {
        return Some(if over_parks && t.contains("最小值") && t.contains("最大值") {
            Ok((Method::MinMax, Vec::new(), Vec::new()))
        } else {
            Err("极值法未写明以参评园区的最大值、最小值计算".into())
        });
    }
    None
}

/// 以70%为标杆值，达到标杆值得满分，未达到的按比例计分 / 得分＝实际值÷3%×分值.
fn read_benchmark(t: &str) -> Read {
    let at_word = numbers(t).into_iter().find(|n| t.get(n.end..).is_some_and(|r| r.trim_start_matches(|c: char| !c.is_ascii() && c != '为').starts_with("为标杆")));
    let value = num_after(t, &["标杆值为", "标杆为"]).or(at_word);
    match value.filter(|n| n.value > 0.0) {
        Some(n) => Ok((Method::Benchmark { value: n.value }, Vec::new(), Vec::new())),
        None => Err("写了标杆，但未写标杆值".into()),
    }
}

/// 按完成比例得分 / 得分=完成率×分值, with or without a cap.
fn read_proportional(t: &str, w: f64) -> Read {
    let mut notes = Vec::new();
    let cap = if let Some(n) = num_after(t, &["分值的", "满分的"]) {
        if n.pct {
            n.value / 100.0
        } else {
            n.value
        }
    } else if let Some(n) = numbers(t).into_iter().find(|n| t.get(n.end..).is_some_and(|r| r.starts_with('倍'))) {
        n.value
    } else if has_any(t, &["不超过分值", "不超过该项分值", "不超过满分", "最高得满分", "以满分为限", "封顶"]) {
        1.0
    } else if let Some(n) = num_after(t, &["最高加", "最多加", "加分最高", "加分不超过"]).filter(|n| !n.pct && w > 0.0) {
        // 按完成比例得分，最高加1分: over-completion scores, at most 1 point above the weight.
        1.0 + n.value / w
    } else if let Some(n) = num_after(t, &["本项最高", "最高得", "最高"]).filter(|n| !n.pct && w > 0.0 && n.value > w) {
        n.value / w
    } else {
        notes.push("原文未写上限，按不超过分值计；可超分时请改封顶倍数".to_string());
        1.0
    };
    // 完成率低于60%的不得分 / 未完成目标任务60%的，不得分: a threshold below which nothing is scored.
    let zero_below = if has_any(t, &["不得分", "得0分"]) {
        clauses(t)
            .into_iter()
            .filter(|c| has_any(c, &["低于", "不足", "未达到", "未完成"]))
            .find_map(|c| numbers(c).into_iter().find(|n| n.pct))
            .map(|n| n.value / 100.0)
    } else {
        None
    };
    let floor = num_after(t, &["最低得", "最低"]).filter(|n| !n.pct).map_or(0.0, |n| n.value);
    Ok((Method::Completion { cap, zero_below, floor }, Vec::new(), notes))
}

/// 完成率≥100%得满分，90%（含）–100%得80%… / 达到3%的得满分，达到2%的得4分.
fn read_tiers(t: &str, cx: &RuleCx) -> Option<Read> {
    let w = cx.weight;
    let mut tiers: Vec<Tier> = Vec::new();
    let mut ranges: Vec<(f64, f64, bool)> = Vec::new();
    let mut lows = 0;
    let mut whole = false;
    for c in joined_clauses(t).iter().map(String::as_str) {
        // 95%-100%2分: the points without 得 are the last number, before 分 at the end.
        let bare = numbers(c).into_iter().last().filter(|n| !n.pct && c.get(n.end..) == Some("分") && !c.contains('得'));
        let Some(de) = c.rfind('得').or(bare.map(|n| n.start)) else { continue };
        let (cond, result) = (c.get(..de).unwrap_or(""), c.get(de..).unwrap_or(""));
        let points = if result.contains("满分") {
            w
        } else if has_any(c, &["不得分", "得0分"]) {
            0.0
        } else if let Some(n) = bare {
            n.value
        } else {
            let n = num_after(result, &["得分值的", "得"])?;
            if n.pct {
                w * n.value / 100.0
            } else {
                n.value
            }
        };
        let bounds: Vec<Num> = numbers(cond);
        if bounds.is_empty() {
            // 完成目标任务的得5分 / 未完成的不得分: a tier at 100% completion and below it.
            let done = cond.contains("完成") && !has_any(cond, &["未", "超额", "超过"]);
            if done && (has_any(t, &["目标", "任务"])) {
                whole = true;
                tiers.push(Tier { min: 100.0, points });
            } else if cond.contains("未完成") && points == 0.0 {
                lows += 1;
            }
            continue;
        }
        if has_any(cond, &["以下", "低于", "不足", "未达到", "<"]) {
            lows += 1;
            if points > 0.0 {
                tiers.push(Tier { min: 0.0, points });
            }
            continue;
        }
        let min = bounds.iter().map(|n| n.value).fold(f64::INFINITY, f64::min);
        let hi = bounds.iter().map(|n| n.value).fold(f64::NEG_INFINITY, f64::max);
        if bounds.len() >= 2 {
            ranges.push((min, hi, bounds.iter().any(|n| n.pct)));
        }
        tiers.push(Tier { min, points });
    }
    if tiers.len() < 2 && !(tiers.len() == 1 && (lows > 0 || whole)) {
        return None;
    }
    tiers.sort_by(|a, b| b.min.total_cmp(&a.min));
    // 100%以上 … 80%-90%: nothing is said between 90% and 100%.
    for (_, hi, pct) in &ranges {
        let next = tiers.iter().map(|t| t.min).filter(|m| m > hi).fold(f64::INFINITY, f64::min);
        let closed = ranges.iter().any(|(lo, _, _)| (*lo - *hi).abs() < 1e-9) || tiers.iter().any(|t| (t.min - *hi).abs() < 1e-9);
        if next.is_finite() && next > *hi + 1e-9 && !closed {
            let p = if *pct { "%" } else { "" };
            let span = format!("{}{p}-{}{p}", fmt_num(*hi), fmt_num(next));
            // A count's range 6至9 meets the next tier's 10: no gap between whole numbers.
            if *pct || next - hi > 1.0 + 1e-9 || cx.unit.contains('%') {
                return Some(Err(format!("“{span}”之间未规定得分")));
            }
        }
    }
    let growth = has_any(t, &["与上年相比", "比上年", "较上年", "同比"]) && t.contains("增长");
    let basis = if growth {
        TierBasis::Growth
    } else if has_any(t, &["完成率", "完成", "目标", "任务"]) {
        TierBasis::Completion
    } else {
        TierBasis::Value
    };
    Some(Ok((Method::Tiers { basis, tiers }, Vec::new(), Vec::new())))
}

// ---------------------------------------------------------------------------
// Adjustments and grades
// ---------------------------------------------------------------------------

fn read_adjust(t: &str, cx: &RuleCx) -> Result<Form, String> {
    let sign = if cx.context == Context::Deduction || (t.contains("扣") && !t.contains("加")) { -1.0 } else { 1.0 };
    let per = num_after(t, &["加", "扣", "减"]).map(|n| n.value);
    let cap = num_after(t, &["最高加", "最多加", "最多扣", "最高扣", "累计不超过", "不超过", "上限", "最高", "最多"]).map(|n| n.value);
    match (per, cap) {
        (Some(p), Some(c)) if p > 0.0 => Ok(Form::Adjust { per: sign * p, cap: c }),
        (Some(p), None) if p > 0.0 && cx.weight > 0.0 => Ok(Form::Adjust { per: sign * p, cap: cx.weight }),
        (Some(_), None) => Err("没有写明最多加（扣）几分".into()),
        _ => Err("没有写明每项加（扣）几分".into()),
    }
}

const GRADE_WORDS: &[&str] = &["基本合格", "不合格", "优秀", "良好", "较好", "合格", "一般", "较差", "A级", "B级", "C级", "D级"];

fn read_grades(t: &str) -> Result<Form, String> {
    let mut grades: Vec<Grade> = Vec::new();
    for c in clauses(t) {
        let Some(g) = GRADE_WORDS.iter().find(|g| c.contains(*g)) else { continue };
        let before = c.get(..c.find(g).unwrap_or(0)).unwrap_or("");
        let nums = numbers(before);
        let min = if has_any(before, &["以下", "低于", "不足", "<"]) { Some(0.0) } else { nums.iter().map(|n| n.value).reduce(f64::min) };
        let Some(min) = min else { continue };
        if !grades.iter().any(|x| x.name == *g) {
            grades.push(Grade { min, name: g.to_string() });
        }
    }
    if grades.is_empty() {
        return Err("没有读出“分数 为 等次”".into());
    }
    Ok(Form::Grades(grades))
}

// ---------------------------------------------------------------------------
// Read-back
// ---------------------------------------------------------------------------

fn describe_form(form: &Form, cx: &RuleCx) -> String {
    match form {
        Form::Indicator { method, vetoes } => {
            let mut s = describe(method, cx.weight, cx.unit);
            for v in vetoes {
                let what = match v.kind {
                    VetoKind::Total => "一票否决",
                    VetoKind::NotExcellent => "不得评为优秀",
                    VetoKind::Fail => "定为不合格",
                };
                let when = if v.above > 0.0 { format!("“{}”超过 {}", v.input, fmt_num(v.above)) } else { format!("发生“{}”", v.input) };
                s.push_str(&format!("；{when}的{what}"));
            }
            s
        }
        Form::Adjust { per, cap } => {
            let word = if *per >= 0.0 { "加" } else { "扣" };
            format!("“{}”每项{word} {} 分，最多{word} {} 分（总分之外）", cx.name, fmt_num(per.abs()), fmt_num(*cap))
        }
        Form::Grades(g) => g.iter().map(|g| format!("{} 分及以上为{}", fmt_num(g.min), g.name)).collect::<Vec<_>>().join("，"),
    }
}

/// The read-back of a method: 满分 6 分；完成率每低 1 个百分点扣 0.2 分，最低 0 分.
pub fn describe(method: &Method, weight: f64, unit: &str) -> String {
    let w = fmt_num(weight);
    let n = |v: f64| fmt_num(v);
    let head = format!("满分 {w} 分；");
    match method {
        Method::Linear { against, benchmark, gap, step, minus, plus, plus_cap, share, floor, average_input, whole_steps } => {
            let reference = match against {
                Against::Target => "目标".to_string(),
                Against::Average => match average_input {
                    Some(i) => format!("各园区平均值（只有一个园区时取“{i}”）"),
                    None => "各园区平均值".into(),
                },
                Against::Benchmark => format!("标杆值 {}{}", benchmark.map(n).unwrap_or_default(), if unit == "%" { "%" } else { unit }),
            };
            let short = match against {
                Against::Target => "目标",
                Against::Average => "平均值",
                Against::Benchmark => "标杆值",
            };
            let what = match (gap, against) {
                (Gap::Relative, Against::Target) => "完成率".to_string(),
                (Gap::Relative, _) => format!("与{short}之比"),
                (Gap::Absolute, _) => format!("比{short}"),
            };
            let step_word = match gap {
                Gap::Relative => format!("{} 个百分点", n(*step)),
                Gap::Absolute if unit == "%" => format!("{} 个百分点", n(*step)),
                Gap::Absolute => format!("{} {unit}", n(*step)),
            };
            let mut parts = Vec::new();
            if *share != 1.0 || *against != Against::Target {
                parts.push(format!("达到{reference}得 {} 分", n(weight * share)));
            } else if *minus == 0.0 {
                parts.push(format!("完成目标得 {w} 分"));
            }
            if *minus > 0.0 {
                parts.push(format!("{what}每低 {step_word}扣 {} 分，最低 {} 分", n(*minus), n(*floor)));
            }
            if *plus > 0.0 {
                let cap = match plus_cap {
                    Some(c) => format!("最多加 {} 分", n(*c)),
                    None => format!("最高 {w} 分"),
                };
                parts.push(format!("{what}每高 {step_word}加 {} 分，{cap}", n(*plus)));
            }
            if *whole_steps {
                parts.push(format!("不足 {step_word}按 {step_word}计"));
            }
            format!("{head}{}", parts.join("；"))
        }
        Method::Rank { first, step, top, tiers, floor, .. } => {
            if tiers.is_empty() {
                let head_pts = n(first.unwrap_or(weight));
                let lead = if *top > 1 { format!("前 {top} 名得 {head_pts} 分") } else { format!("第 1 名得 {head_pts} 分") };
                format!("{head}按各园区排名，{lead}，每后移一位减 {} 分，最低 {} 分", n(*step), n(*floor))
            } else {
                let ts: Vec<String> = tiers.iter().map(|t| format!("前 {} 名得 {} 分", t.upto, n(t.points))).collect();
                format!("{head}按各园区排名，{}，其余得 {} 分", ts.join("，"), n(*floor))
            }
        }
        Method::Completion { cap, zero_below, floor } => {
            let mut s = if *cap == 1.0 {
                format!("{head}得分 = 分值 × 完成率，最高 {w} 分")
            } else {
                format!("{head}得分 = 分值 × 完成率，最高 {} 分（{} 倍）", n(weight * cap), n(*cap))
            };
            if let Some(z) = zero_below {
                s.push_str(&format!("；完成率低于 {}% 不得分", n(z * 100.0)));
            }
            if *floor != 0.0 {
                s.push_str(&format!("；最低 {} 分", n(*floor)));
            }
            s
        }
        Method::Tiers { basis, tiers } => {
            let of = match basis {
                TierBasis::Completion => "完成率",
                TierBasis::Growth => "比上年增长",
                TierBasis::Value => "数值",
            };
            let pct = if *basis != TierBasis::Value || unit == "%" { "%" } else { "" };
            let ts: Vec<String> = tiers.iter().map(|t| format!("{of}≥{}{pct} 得 {} 分", n(t.min), n(t.points))).collect();
            format!("{head}分档：{}，其余得 0 分", ts.join("，"))
        }
        Method::Deduct { items } => {
            let ts: Vec<String> = items.iter().map(|i| format!("每发生 1 起“{}”扣 {} 分", i.input, n(i.per))).collect();
            format!("{head}{}，扣完为止", ts.join("，"))
        }
        Method::Direct => format!("{head}由评价部门直接打分，录入得分，最高 {w} 分"),
        Method::Benchmark { value } => format!("{head}得分 = 分值 × 数值 ÷ 标杆值 {}，最高 {w} 分", n(*value)),
        Method::Pending { why } => format!("待定：{why}"),
        other => format!("{head}{}", other.label()),
    }
}
