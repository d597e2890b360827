//! Column roles: what a header cell says its column holds, one vocabulary for the data and split readers.
//!
//! `classify` reads one header cell into a `Header`: its `Role` (a target, a
//! cumulative actual, last year's same period, one month, a name column of a
//! given kind, a figure the tool computes itself …), the text left beside the
//! role word (`技工贸总收入` of 技工贸总收入年度目标), the unit in brackets and
//! the period it names. Each reader takes the roles it needs: the data reader
//! reads an indicator column and a park column, the split reader a column of
//! parts (片区, 企业 …); both set computed columns aside, saying why.

use super::period::{month_column, period_hint, strip_period, Hint};
use crate::base::text::fold_name_cow;
use super::vocab::{key_of_folded, mentions_note_key, name_key, split_bracket, unit_label, NOTE_WORDS, SEQ_WORDS, UNIT_WORDS};
use crate::base::unit::Unit;

/// What a value column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum What {
    /// The annual target (年度目标, 全年任务, 计划数 …).
    Target,
    /// The cumulative actual of the year so far (1-11月, 累计, 本年累计 …).
    Actual,
    /// Last year's same period (上年同期, 同期数, 去年同期 …).
    LastYear,
    /// Last year's FULL year (上年全年, 上年完成, 2021年完成): not comparable
    /// with a 1-m月 figure, so never read as last year's same period.
    LastYearFull,
    /// One month's figure (本月, 当月, 本期).
    ThisMonth,
    /// A named month's figure (3月).
    Month(u32),
    /// A named month of last year (上年3月).
    LastYearMonth(u32),
}

/// Why a column is a figure the tool computes itself, not an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Computed {
    /// 完成率
    Completion,
    /// 同比, 增速, 增幅, 增长, 增减, 比上年, 环比
    Growth,
    /// 进度, 序时
    Progress,
    /// 预计
    Projection,
    /// 排名
    Rank,
    /// 得分, 分值, 权重, 总分, 等级, 评分
    Score,
    /// 责任
    Duty,
    /// 状态
    Status,
    /// 差额, 缺口
    Difference,
}

/// The kind of thing a name column names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// 园区, 园区名称, 开发区 …
    Park,
    /// 单位名称, 园区单位
    Unit,
    /// 片区
    Area,
    /// 责任单位, 牵头单位
    Duty,
    /// 企业, 企业名称
    Enterprise,
    /// 部门
    Department,
    /// 乡镇
    Town,
    /// 街道
    Street,
    /// 分园
    SubPark,
    /// 区域
    Region,
    /// 板块
    Block,
    /// 项目, 项目名称
    Project,
    /// 名称 alone
    Name,
}

impl Key {
    /// The kind of part, as the split report names it (按片区, 按企业 …).
    pub fn label(self) -> &'static str {
        match self {
            Key::Park => "园区",
            Key::Unit => "单位",
            Key::Area => "片区",
            Key::Duty => "责任单位",
            Key::Enterprise => "企业",
            Key::Department => "部门",
            Key::Town => "乡镇",
            Key::Street => "街道",
            Key::SubPark => "分园",
            Key::Region => "区域",
            Key::Block => "板块",
            Key::Project => "项目",
            Key::Name => "分项",
        }
    }
}

/// What a header cell says its column is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Empty,
    /// 序号, 编号: never data.
    Seq,
    /// A unit column (单位, 计量单位).
    Unit,
    /// 单位：万元 written in a header cell: a unit for the table, not a column.
    UnitNote,
    /// 备注, 说明.
    Note,
    /// The indicator names (指标, 指标名称, 主要指标, 二级指标 …).
    Indicator,
    /// A column of names of the given kind (parks, areas, enterprises …).
    Key(Key),
    /// A column of month labels (月份): its rows are months.
    MonthLabel,
    Value(What),
    Computed(Computed),
    Unknown,
}

impl Role {
    /// The role as the read-back shows it.
    pub fn label(self) -> String {
        match self {
            Role::Empty | Role::Unknown => "忽略（未识别）".into(),
            Role::Seq => "序号（忽略）".into(),
            Role::Unit => "单位".into(),
            Role::UnitNote => "单位说明".into(),
            Role::Note => "备注".into(),
            Role::Indicator => "指标".into(),
            Role::Key(k) => k.label().into(),
            Role::MonthLabel => "月份".into(),
            Role::Value(What::Target) => "年度目标".into(),
            Role::Value(What::Actual) => "累计完成".into(),
            Role::Value(What::LastYear) => "上年同期".into(),
            Role::Value(What::LastYearFull) => "忽略（上年全年数，不是同期数）".into(),
            Role::Value(What::ThisMonth) => "本月".into(),
            Role::Value(What::Month(m)) => format!("{m}月"),
            Role::Value(What::LastYearMonth(m)) => format!("上年{m}月"),
            Role::Computed(_) => "忽略（由本工具计算）".into(),
        }
    }

    /// Whether the column holds numbers to read.
    pub fn numeric(self) -> bool {
        matches!(self, Role::Value(w) if w != What::LastYearFull)
    }
}

/// Whether a header (as `name_key` gives it) names a park column, or a 名称
/// column, which beside scheme items in a header row heads the parks.
pub fn is_park_word(key: &str) -> bool {
    PARK_WORDS.iter().any(|(w, k)| *w == key && matches!(k, Key::Park | Key::Unit | Key::Name))
}

/// Whether a header (as `name_key` gives it) names a column of groups of
/// parks: 市州, 地区, 片区, 所属区域, 板块.
pub fn is_group_word(key: &str) -> bool {
    ["市州", "市（州）", "市(州)", "地市", "地区", "片区", "区域", "板块", "所属片区", "所属区域", "所属市州", "分组", "类别"].contains(&key)
}

/// Whether a header or cell reads as a park's name (…高新区, …经开区, …园区,
/// …开发区, …工业园, …基地), as when parks head the columns.
pub fn looks_like_park(text: &str) -> bool {
    let k = name_key(text);
    k.chars().count() >= 3 && ["园", "开发区", "高新区", "经开区", "工业区", "产业区", "基地"].iter().any(|w| k.contains(w))
}

/// Whether a row's name reads as a group of parks (湘南片区, 衡阳市, 长株潭地区)
/// rather than a park (…高新区, …经开区, …园区, …开发区).
pub fn is_group_name(name: &str) -> bool {
    let k = name_key(name);
    let park = ["园", "开发区", "高新区", "经开区", "工业区", "产业区", "基地"].iter().any(|w| k.contains(w));
    let group = ["片区", "市", "州", "地区", "区域", "板块"].iter().any(|w| k.ends_with(w));
    group && !park && k.chars().count() <= 12
}

/// The computed-column word a header (as `name_key` gives it) contains, if any.
pub fn computed_word(key: &str) -> Option<Computed> {
    COMPUTED_WORDS.iter().find(|(w, _)| key.contains(w)).map(|(_, c)| *c)
}

/// One header cell, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub role: Role,
    /// For a value column, the text beside the role and period words (the
    /// indicator of 技工贸总收入年度目标); for an unknown one, its text.
    pub prefix: String,
    /// The unit in the header's brackets, or a 单位：X note's unit.
    pub unit: Option<Unit>,
    /// The period the header names (2022年, 1-11月).
    pub hint: Hint,
    /// The word of the header that decided its role (累计, 年度目标, 完成率, 指标 …),
    /// or empty when nothing did; the read-back shows it as the reason.
    pub word: String,
}

/// Header words of a park column, compared whole.
const PARK_WORDS: &[(&str, Key)] = &[
    ("园区", Key::Park),
    ("园区名称", Key::Park),
    ("园区名", Key::Park),
    ("开发区", Key::Park),
    ("开发区名称", Key::Park),
    ("园区单位", Key::Park),
    ("单位名称", Key::Unit),
    ("项目", Key::Project),
    ("项目名称", Key::Project),
    ("名称", Key::Name),
];

/// Header words of the indicator column, compared whole.
const INDICATOR_WORDS: &[&str] = &["指标", "指标名称", "指标项目", "主要指标", "指标项", "内容", "指标内容", "统计指标", "二级指标"];

/// Header words naming the kind of a name column, found inside longer headers
/// (所属片区, 企业名称); the first that matches counts.
const KEY_WORDS: &[(&str, Key)] = &[
    ("片区", Key::Area),
    ("责任单位", Key::Duty),
    ("牵头单位", Key::Duty),
    ("单位名称", Key::Unit),
    ("企业", Key::Enterprise),
    ("部门", Key::Department),
    ("乡镇", Key::Town),
    ("街道", Key::Street),
    ("分园", Key::SubPark),
    ("园区", Key::Park),
    ("区域", Key::Region),
    ("板块", Key::Block),
    ("项目名称", Key::Project),
    ("名称", Key::Name),
];

/// Words of computed columns, found inside headers.
const COMPUTED_WORDS: &[(&str, Computed)] = &[
    ("完成率", Computed::Completion),
    ("同比", Computed::Growth),
    ("增速", Computed::Growth),
    ("增幅", Computed::Growth),
    ("增长", Computed::Growth),
    ("增减", Computed::Growth),
    ("比上年", Computed::Growth),
    ("环比", Computed::Growth),
    ("进度", Computed::Progress),
    ("序时", Computed::Progress),
    ("预计", Computed::Projection),
    ("排名", Computed::Rank),
    ("得分", Computed::Score),
    ("分值", Computed::Score),
    ("权重", Computed::Score),
    ("总分", Computed::Score),
    ("等级", Computed::Score),
    ("评分", Computed::Score),
    ("责任", Computed::Duty),
    ("状态", Computed::Status),
    ("差额", Computed::Difference),
    ("缺口", Computed::Difference),
];

/// Header words of a month-label column, compared whole.
const MONTH_LABEL_WORDS: &[&str] = &["月份", "月度", "月", "时间", "期间", "月次"];

/// Target words, longest first, so that 年度目标 is removed whole from 技工贸总收入年度目标.
const TARGET_WORDS: &[&str] = &[
    "年度目标任务", "全年目标任务", "年度目标值", "年度目标", "全年目标", "目标任务", "目标值", "目标数", "年度计划", "全年计划",
    "计划值", "计划数", "全年任务", "年度任务", "任务数", "目标", "计划", "任务",
];

/// Last year's full-year words: never a same-period figure.
const LAST_YEAR_FULL_WORDS: &[&str] = &["上年全年", "去年全年", "上年完成", "去年完成", "上年实际", "去年实际", "上年度", "上年数"];

/// Last year's same-period words.
const LAST_YEAR_WORDS: &[&str] = &["上年同期", "去年同期", "同期数", "同期", "上年", "去年", "上期"];

/// One-month words (本月止累计 is cumulative: `CUMULATIVE_WORDS` are asked first).
const THIS_MONTH_WORDS: &[&str] = &["本月", "当月", "本期"];

/// Words that make a column cumulative whatever else it says (本月止累计, 本期累计).
const CUMULATIVE_WORDS: &[&str] = &["累计", "截至", "截止"];

/// Cumulative-actual words, longest first.
const ACTUAL_WORDS: &[&str] = &[
    "本月止累计完成",
    "本年累计完成",
    "本月止累计",
    "本年累计",
    "本期累计",
    "累计完成值", "累计完成数", "累计完成", "实际完成", "完成值", "完成数", "完成额", "实际数", "实绩", "累计", "完成", "实际", "本年",
    "截至", "截止", "数值", "数据", "入库", "到位", "实现",
];

fn find_kw(base: &str, words: &[&'static str]) -> Option<&'static str> {
    let m = char_mask(base);
    words.iter().copied().find(|w| may_contain(m, w) && base.contains(w))
}

/// A 64-bit set of the characters of a text (by code point modulo 64): a word
/// with a character outside a header's set cannot be in it, which skips most
/// substring searches over the keyword lists (they were most of `classify`).
fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | 1u64 << (u32::from(c) % 64))
}

/// Whether `w` may occur in a text whose `char_mask` is `m` (no false negatives).
fn may_contain(m: u64, w: &str) -> bool {
    char_mask(w) & !m == 0
}

/// Reads one header cell.
pub fn classify(cell: &str) -> Header {
    let folded = fold_name_cow(cell);
    let hint = period_hint(cell);
    let word = std::cell::RefCell::new(String::new());
    let header = |role: Role, prefix: String, unit: Option<Unit>| Header { role, prefix, unit, hint, word: word.take() };
    let said = |w: &str| {
        word.replace(w.to_string());
    };
    if folded.is_empty() {
        return header(Role::Empty, String::new(), None);
    }
    if folded.starts_with("单位：") || folded.starts_with("单位:") {
        return header(Role::UnitNote, String::new(), unit_label(&folded));
    }
    let (base, inner) = split_bracket(&folded);
    let unit = inner.as_deref().and_then(unit_label);
    // The key from the folded text (folding is idempotent): the cell is folded once.
    let key = key_of_folded(&folded);
    let k: &str = &key;
    said(k);
    if SEQ_WORDS.contains(&k) {
        return header(Role::Seq, String::new(), None);
    }
    if NOTE_WORDS.contains(&k) || mentions_note_key(k) {
        return header(Role::Note, String::new(), None);
    }
    if UNIT_WORDS.contains(&k) {
        return header(Role::Unit, String::new(), None);
    }
    if let Some((_, kind)) = PARK_WORDS.iter().find(|(w, _)| *w == k) {
        return header(Role::Key(*kind), String::new(), None);
    }
    if INDICATOR_WORDS.contains(&k) || (k.ends_with("指标") && k.chars().count() <= 6) {
        return header(Role::Indicator, String::new(), None);
    }
    if MONTH_LABEL_WORDS.contains(&k) {
        return header(Role::MonthLabel, String::new(), None);
    }
    // 责任单位 names the departments a target is split among, although 责任 alone
    // (责任处室 beside a data table) is a column the tool has no use for.
    if k.contains("责任单位") || k.contains("牵头单位") {
        return header(Role::Key(Key::Duty), String::new(), None);
    }
    let km = char_mask(k);
    if let Some((w, why)) = COMPUTED_WORDS.iter().find(|(w, _)| may_contain(km, w) && k.contains(w)) {
        said(w);
        return header(Role::Computed(*why), String::new(), unit);
    }
    let value = |what: What, kw: &str| {
        if !kw.is_empty() {
            said(kw);
        }
        header(Role::Value(what), strip_period(&base.replacen(kw, "", 1)), unit.clone())
    };
    if let Some((last_year, m)) = month_column(k) {
        let what = if last_year { What::LastYearMonth(m) } else { What::Month(m) };
        return header(Role::Value(what), String::new(), unit);
    }
    if let Some(kw) = find_kw(&base, LAST_YEAR_FULL_WORDS) {
        if !base.contains("同期") {
            return value(What::LastYearFull, kw);
        }
    }
    if let Some(kw) = find_kw(&base, LAST_YEAR_WORDS) {
        return value(What::LastYear, kw);
    }
    if let Some(kw) = find_kw(&base, TARGET_WORDS) {
        return value(What::Target, kw);
    }
    if let Some(kw) = find_kw(&base, CUMULATIVE_WORDS) {
        // The longest actual phrase goes, so 累计完成 leaves no 完成 behind.
        return value(What::Actual, find_kw(&base, ACTUAL_WORDS).unwrap_or(kw));
    }
    if let Some(kw) = find_kw(&base, THIS_MONTH_WORDS) {
        return value(What::ThisMonth, kw);
    }
    if let Some(kw) = find_kw(&base, ACTUAL_WORDS) {
        return value(What::Actual, kw);
    }
    // A bare period (1-11月, 2022年) or 值 heads the actual: the reason is the header itself.
    if matches!(k, "值" | "数量" | "金额") || hint.1.is_some() || (hint.0.is_some() && k.trim_end_matches('度').ends_with('年')) {
        return value(What::Actual, "");
    }
    if base.contains("指标") {
        said("指标");
        return header(Role::Indicator, String::new(), None);
    }
    let bm = char_mask(&base);
    if let Some((w, kind)) = KEY_WORDS.iter().find(|(w, _)| may_contain(bm, w) && base.contains(w)) {
        said(w);
        return header(Role::Key(*kind), String::new(), None);
    }
    word.replace(String::new());
    header(Role::Unknown, base, unit)
}

/// Column roles of a pasted scheme table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeRole {
    Dim,
    DimWeight,
    Name,
    Alias,
    Unit,
    Weight,
    Direction,
    Method,
    Params,
    Formula,
    Missing,
    Note,
}

/// Reads a header cell. Text in brackets (分值（分）) is ignored; more specific
/// names are tried first so 一级指标 is not read as 指标.
pub fn scheme_role(header: &str) -> Option<SchemeRole> {
    let h: String = header.chars().take_while(|c| !matches!(c, '(' | '（')).filter(|c| !c.is_whitespace()).collect();
    let has = |k: &str| h.contains(k);
    let weighty = has("分值") || has("权重") || has("分数") || has("满分");
    Some(if (has("维度") || has("一级")) && weighty {
        SchemeRole::DimWeight
    } else if has("维度") || has("一级指标") || h == "类别" || h == "评价内容" {
        SchemeRole::Dim
    } else if has("别名") || has("别称") {
        SchemeRole::Alias
    } else if has("单位") {
        SchemeRole::Unit
    } else if has("方向") || has("正向") || has("负向") || h == "属性" || h == "指标属性" {
        SchemeRole::Direction
    } else if has("公式") {
        SchemeRole::Formula
    } else if has("缺数据") {
        SchemeRole::Missing
    } else if has("参数") || has("标杆") {
        SchemeRole::Params
    } else if has("方法") || has("办法") || has("规则") || has("评分标准") || has("计分标准") {
        SchemeRole::Method
    } else if weighty || h == "标准分" {
        SchemeRole::Weight
    } else if has("指标") || h == "名称" || h == "项目" {
        SchemeRole::Name
    } else if has("备注") || has("说明") || has("原因") {
        SchemeRole::Note
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(h: &str) -> Role {
        classify(h).role
    }

    #[test]
    fn roles_of_common_headers() {
        assert_eq!(role("年度目标（亿元）"), Role::Value(What::Target));
        assert_eq!(classify("年度目标（亿元）").unit.map(|u| u.label), Some("亿元".to_string()));
        assert_eq!(role("1-11月累计"), Role::Value(What::Actual));
        assert_eq!(role("1—11月"), Role::Value(What::Actual));
        assert_eq!(role("上年同期"), Role::Value(What::LastYear));
        assert_eq!(role("上年全年"), Role::Value(What::LastYearFull));
        assert_eq!(role("上年完成"), Role::Value(What::LastYearFull));
        assert_eq!(role("上年同期完成"), Role::Value(What::LastYear));
        assert_eq!(role("本月"), Role::Value(What::ThisMonth));
        assert_eq!(role("本期"), Role::Value(What::ThisMonth));
        assert_eq!(role("本月止累计"), Role::Value(What::Actual));
        assert_eq!(classify("技工贸总收入本月止累计").prefix, "技工贸总收入");
        assert_eq!(classify("技工贸总收入累计完成").prefix, "技工贸总收入");
        assert_eq!(role("3月"), Role::Value(What::Month(3)));
        assert_eq!(role("上年3月"), Role::Value(What::LastYearMonth(3)));
        assert_eq!(role("完成率"), Role::Computed(Computed::Completion));
        assert_eq!(role("同比增长%"), Role::Computed(Computed::Growth));
        assert_eq!(role("序号"), Role::Seq);
        assert_eq!(role("单位"), Role::Unit);
        assert_eq!(role("备注"), Role::Note);
        assert_eq!(role("指标名称"), Role::Indicator);
        assert_eq!(role("园区名称"), Role::Key(Key::Park));
        assert_eq!(role("所属片区"), Role::Key(Key::Area));
        assert_eq!(role("月份"), Role::MonthLabel);
        assert_eq!(role("单位：万元"), Role::UnitNote);
        let h = classify("技工贸总收入年度目标");
        assert_eq!((h.role, h.prefix.as_str()), (Role::Value(What::Target), "技工贸总收入"));
        let h = classify("技工贸总收入1-11月累计（万元）");
        assert_eq!((h.role, h.prefix.as_str(), h.hint), (Role::Value(What::Actual), "技工贸总收入", (None, Some(11))));
    }
}
