//! The official 评价办法 table (一级指标 | 二级指标 | 分值 | 评分标准) read into a scheme.
//!
//! The grid comes from the table layer (`table::parse_grid`, `vocab` for numbering
//! and names). Merged cells arrive blank: a blank 一级指标 is the one above; a row
//! with only its 评分标准 cell filled continues the rule of the row above. 分值 may
//! read 6分. Each rule goes through `rules::read_rule`; what the table does not say
//! (unit, direction, formula, aliases, the inputs a formula reads) comes from the
//! catalogue of known indicators (the built-in scheme), matched by name as pasted
//! data is. A rule not understood keeps its indicator as 待定 (`Method::Pending`).

use super::{read_rule, Context, Form, RuleCx};
use crate::diag::{Diagnostic, Source};
use crate::diag::problem::{Problem, TableOf};
use crate::scheme::{self, default_scheme, num_of, split_dim, split_unit, AdjustmentRule, Dimension, Indicator, Input, Method, RuleNote, Scheme, Veto};
use crate::table::roles::{scheme_role, SchemeRole};
use crate::table::{self, vocab};

const RULE_HEADS: &[&str] = &["评分标准", "评分办法", "计分标准", "计分办法", "考核标准", "评分细则", "评价标准", "评分方法", "计分方法", "计分细则", "考核办法"];
const WEIGHT_HEADS: &[&str] = &["分值", "分数", "权重", "满分", "标准分"];
const DIM_HEADS: &[&str] = &["一级指标", "评价维度", "考核项目", "类别", "维度", "一级"];
const NAME_HEADS: &[&str] = &["三级指标", "二级指标", "指标名称", "评价指标", "考核指标", "具体指标", "指标", "考核内容"];
const UNIT_HEADS: &[&str] = &["单位", "计量单位"];

fn head_of(cell: &str, heads: &[&str]) -> bool {
    let k = vocab::name_key(cell);
    heads.iter().any(|h| k.contains(h))
}

/// The header row of an official table: a 评分标准 column beside a 分值 column,
/// no 参数 column (the tool's own grammar), and rules written as prose rather
/// than method names (完成率, 标杆值法), which the own grammar's method column holds.
fn header_row(grid: &table::grid::Grid) -> Option<usize> {
    let h = (0..grid.n_rows().min(10)).find(|&r| grid.row(r).any(|c| head_of(c, RULE_HEADS)) && grid.row(r).any(|c| head_of(c, WEIGHT_HEADS) && !head_of(c, RULE_HEADS)))?;
    if grid.row(h).any(|c| scheme_role(c) == Some(SchemeRole::Params)) {
        return None;
    }
    let col = grid.row(h).position(|c| head_of(c, RULE_HEADS))?;
    let prose = (h + 1..grid.n_rows()).map(|r| grid.cell(r, col).trim()).filter(|c| !c.is_empty()).any(|c| c.chars().count() > 8 || c.contains(['，', ',', '得', '扣']));
    prose.then_some(h)
}

/// Whether pasted scheme text is an official table (it has a 评分标准 column).
pub fn looks_official(text: &str) -> bool {
    let (grid, _) = table::parse_grid(text, Source::Scheme);
    header_row(&grid).is_some()
}

/// One row of the table after merged cells and continuation rows are resolved.
struct Row {
    dim: usize,
    name: String,
    /// The 单位 column's cell, when the table has one.
    unit: String,
    weight: String,
    rule: String,
    /// 0-based row and column of the rule's first cell.
    at: (usize, usize),
}

/// A section (一级指标) and what its rows are.
struct Section {
    name: String,
    weight: Option<f64>,
    context: Context,
    row: usize,
}

fn context_of(name: &str) -> Context {
    if name.contains("加分") {
        Context::Bonus
    } else if name.contains("扣分") || name.contains("减分") {
        Context::Deduction
    } else if name.contains("等次") || name.contains("等级") {
        Context::Grades
    } else {
        Context::Indicator
    }
}

/// The columns of an official table: 评分标准, 分值, and where present the
/// indicator's name, its 一级指标 and its 单位.
struct Cols {
    rule: usize,
    weight: usize,
    name: Option<usize>,
    dim: Option<usize>,
    unit: Option<usize>,
}

/// The table's rows below the header `h`, merged cells and continuation rows
/// resolved: its sections (一级指标), its rule rows and a 合计 row's total.
fn table_rows(grid: &table::grid::Grid, h: usize, cols: &Cols) -> (Vec<Section>, Vec<Row>, Option<f64>) {
    let cell = |r: usize, c: Option<usize>| c.map(|c| grid.cell(r, c).trim()).unwrap_or("");

    let mut sections: Vec<Section> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut total: Option<f64> = None;
    for r in h + 1..grid.n_rows() {
        if grid.is_blank_row(r) {
            continue;
        }
        let (d, n, w, rule) = (cell(r, cols.dim), cell(r, cols.name), cell(r, Some(cols.weight)), cell(r, Some(cols.rule)));
        if grid.row(r).any(|c| head_of(c, RULE_HEADS)) {
            continue; // a header repeated on a new page
        }
        let kind = vocab::row_kind(if n.is_empty() { d } else { n });
        if matches!(kind, vocab::RowKind::Total { .. }) {
            total = num_of(w).or(total);
            continue;
        }
        if matches!(kind, vocab::RowKind::Note) || ["说明", "备注", "注"].contains(&vocab::name_key(d).as_str()) {
            continue;
        }
        // Continuation: only the 评分标准 cell (the others merged above) joins the rule above.
        if d.is_empty() && n.is_empty() && w.is_empty() {
            if let Some(last) = rows.last_mut() {
                if !rule.is_empty() {
                    last.rule.push_str(rule);
                }
                continue;
            }
        }
        // A heading inside the name column (一、规划定位好（20分）) opens a section too.
        let heading_in_name = cols.dim.is_none() && w.is_empty() && rule.is_empty() && !n.is_empty();
        let section_cell = if heading_in_name { n } else { d };
        if !section_cell.is_empty() {
            let (name, weight) = split_dim(vocab::strip_numbering(section_cell));
            let same = sections.last().is_some_and(|s| s.name == name);
            if !same {
                sections.push(Section { context: context_of(&name), name, weight, row: r });
            }
            if heading_in_name {
                continue;
            }
        }
        if sections.is_empty() {
            sections.push(Section { name: "全部指标".into(), weight: None, context: Context::Indicator, row: h });
        }
        let dim = sections.len() - 1;
        let name = if n.is_empty() { section_cell } else { n };
        let name = vocab::strip_numbering(name).to_string();
        if name.is_empty() && rule.is_empty() {
            continue;
        }
        rows.push(Row { dim, name, unit: cell(r, cols.unit).to_string(), weight: w.to_string(), rule: rule.to_string(), at: (r, cols.rule) });
    }
    (sections, rows, total)
}

/// Reads an official table into a scheme whose `rules` hold each rule's reading.
pub fn from_official(text: &str) -> (Option<Scheme>, Vec<Diagnostic>) {
    let (grid, mut diags) = table::parse_grid(text, Source::Scheme);
    let Some(h) = header_row(&grid) else {
        diags.push(Diagnostic::error(Source::Scheme, Problem::NoHeader { table: TableOf::Scheme }));
        return (None, diags);
    };
    let heads: Vec<&str> = grid.row(h).collect();
    let find = |hs: &[&str], not: &[usize]| heads.iter().enumerate().position(|(i, c)| !not.contains(&i) && head_of(c, hs));
    let rule_col = find(RULE_HEADS, &[]).unwrap_or(0);
    let weight_col = find(WEIGHT_HEADS, &[rule_col]).unwrap_or(0);
    // The finest indicator column names the rows; a 一级指标 column groups them.
    let name_col = ["三级指标", "二级指标"]
        .iter()
        .find_map(|k| find(&[k], &[rule_col, weight_col]))
        .or_else(|| find(NAME_HEADS, &[rule_col, weight_col]).filter(|&c| !head_of(heads.get(c).copied().unwrap_or(""), &["一级指标"])));
    let dim_col = find(DIM_HEADS, &[rule_col, weight_col, name_col.unwrap_or(usize::MAX)]);
    // The table's own 单位 column says the unit of each indicator's figures.
    let unit_col = heads.iter().position(|c| UNIT_HEADS.contains(&vocab::name_key(c).as_str()));
    let cols = Cols { rule: rule_col, weight: weight_col, name: name_col, dim: dim_col, unit: unit_col };
    let (sections, rows, total) = table_rows(&grid, h, &cols);

    let catalogue = default_scheme();
    let mut s = Scheme { cap_total: None, ..Scheme::empty("粘贴的评价办法") };
    s.note = "由粘贴的评价办法读出：请核对每条评分标准的读法".into();
    for sec in &sections {
        if sec.context == Context::Indicator {
            s.dimensions.push(Dimension { key: sec.name.clone(), name: sec.name.clone(), weight: 0.0 });
        }
    }
    let mut vetoed = false;
    for row in &rows {
        let Some(sec) = sections.get(row.dim) else { continue };
        let (pasted_name, unit_in_name) = split_unit(&row.name);
        // 主导产业集聚度（主导产业营业收入占比）: the bracket names the same indicator another way.
        let (pasted_name, also) = match pasted_name.strip_suffix(['）', ')']).and_then(|r| r.rsplit_once(['（', '('])) {
            Some((outer, inner)) if inner.chars().count() > 2 && !outer.is_empty() => (outer.trim().to_string(), Some(inner.trim().to_string())),
            _ => (pasted_name, None),
        };
        let known = find_known(&catalogue, &pasted_name).or_else(|| also.as_deref().and_then(|a| find_known(&catalogue, a)));
        let name = known.map_or(pasted_name.clone(), |k| k.name.clone());
        let unit_cell = Some(row.unit.trim()).filter(|u| !u.is_empty() && !matches!(*u, "-" | "—" | "/")).map(str::to_string);
        // A rate the catalogue does not know (规上工业增加值增速) is in % by its name.
        let rate_name = ["增速", "增长率", "占比", "比重", "强度", "率"].iter().any(|k| pasted_name.ends_with(k));
        let unit = unit_cell.or(unit_in_name).or_else(|| known.map(|k| k.unit.clone())).or_else(|| rate_name.then(|| "%".to_string())).unwrap_or_default();
        let weight = num_of(row.weight.trim_start_matches("最高").trim_start_matches("最多")).unwrap_or(0.0);
        let cx = RuleCx { name: &name, unit: &unit, weight, context: sec.context };
        let reading = read_rule(&row.rule, &cx);
        let at = (Some(row.at.0 + 1), Some(row.at.1 + 1));
        let mut readback = reading.readback.clone();
        if known.is_none() && sec.context == Context::Indicator {
            // What neither the table nor the catalogue says is asked, not guessed silently.
            let unit_word = if unit.is_empty() { "单位未写（按无单位计）".to_string() } else { format!("单位按名称中的“{unit}”") };
            readback.push_str(&format!("。“{name}”不在指标目录中：{unit_word}，按正向指标、无公式计，请核对并在数据中用同一名称"));
        }
        s.rules.push(RuleNote { item: name.clone(), text: row.rule.clone(), reading: readback, understood: reading.understood, row: at.0, col: at.1 });
        let pending_row = |why: String, diags: &mut Vec<Diagnostic>| {
            diags.push(Diagnostic::warning(Source::Scheme, Problem::RuleRowSkipped { item: name.clone(), why }).at(row.at.0, row.at.1).cell(&row.rule));
        };
        match (sec.context, reading.form) {
            (Context::Indicator, Form::Indicator { method, vetoes }) => {
                let method = canonical_inputs(&catalogue, &mut s, method, &unit);
                // A score typed by a department is in 分 (改革创新评分（分）).
                let unit = if method == Method::Direct && unit.is_empty() { "分".to_string() } else { unit };
                // A 否决项 row with no points of its own is its vetoes only, not an indicator.
                let veto_only = weight == 0.0 && method == Method::Direct && !vetoes.is_empty();
                for v in vetoes {
                    let input = add_input(&catalogue, &mut s, &v.input, if v.above > 0.0 { unit.as_str() } else { "起" });
                    s.vetoes.push(Veto { input, above: v.above, reason: v.reason, kind: v.kind });
                    vetoed = true;
                }
                if veto_only {
                    continue;
                }
                if let Method::Pending { why } = &method {
                    diags.push(
                        Diagnostic::warning(Source::Scheme, Problem::RulePending { indicator: name.clone(), why: why.clone() }).at(row.at.0, row.at.1).cell(&row.rule),
                    );
                }
                let aliases = aliases_of(known, &name, &pasted_name, also.as_deref(), method == Method::Direct);
                s.indicators.push(Indicator {
                    name,
                    aliases,
                    dimension: sec.name.clone(),
                    unit,
                    weight,
                    direction: known.map(|k| k.direction).unwrap_or_default(),
                    method,
                    formula: known.and_then(|k| k.formula.clone()),
                    missing_score: 0.0,
                });
            }
            (Context::Bonus | Context::Deduction, Form::Adjust { per, cap }) => {
                let input = add_input(&catalogue, &mut s, &name, "个");
                let word = if per >= 0.0 { "加分项" } else { "扣分项" };
                s.adjustments.push(AdjustmentRule { name: format!("{word}：{name}"), input, per, cap });
            }
            (Context::Grades, Form::Grades(g)) => s.grades = g,
            (_, Form::Indicator { method: Method::Pending { why }, .. }) => pending_row(why, &mut diags),
            _ => pending_row("规则与所在栏目不符".into(), &mut diags),
        }
    }
    // Formulas from the catalogue read items the official table may not list: they become inputs.
    let needed: Vec<String> = s
        .indicators
        .iter()
        .filter_map(|i| i.formula.as_deref())
        .filter_map(|f| crate::scheme::formula::parse(f).ok())
        .flat_map(|e| e.inputs())
        .collect();
    for n in needed {
        if s.canonical(&n).is_none() {
            let unit = catalogue.item_unit(&n).map(|u| u.label).unwrap_or_default();
            add_input(&catalogue, &mut s, &n, &unit);
        }
    }
    // A section that turned out to hold only vetoes (否决项) is no dimension.
    let used: Vec<String> = s.indicators.iter().map(|i| i.dimension.clone()).collect();
    s.dimensions.retain(|d| used.contains(&d.key));
    for d in s.dimensions.iter_mut() {
        let sum: f64 = s.indicators.iter().filter(|x| x.dimension == d.key).map(|x| x.weight).sum();
        d.weight = sections.iter().find(|x| x.name == d.name).and_then(|x| x.weight).unwrap_or(sum);
    }
    s.total = total.unwrap_or_else(|| s.dimensions.iter().map(|d| d.weight).sum());
    s.cap_total = Some(s.total);
    if s.grades.is_empty() {
        s.grades = scheme::default_grades(s.total);
    }
    if vetoed {
        s.veto_forbids = s.grades.iter().max_by(|a, b| a.min.total_cmp(&b.min)).map(|g| g.name.clone());
    }
    // Dimension problems point at the section's cell; the rest stand alone.
    for d in scheme::validate(&s) {
        if matches!(d.problem, Problem::RulePending { .. }) {
            continue; // already reported at its cell
        }
        let dim_row = sections.iter().find(|x| matches!(&d.problem, Problem::DimensionSum { name, .. } if *name == x.name)).map(|x| x.row);
        diags.push(match (dim_row, dim_col) {
            (Some(r), Some(c)) => d.at(r, c).cell(grid.cell(r, c)),
            _ => d,
        });
    }
    // `read::scheme_text::load` refuses it on any error, keeping the readings to show.
    (Some(s), diags)
}

/// An indicator's aliases: the catalogue's, the name as pasted, a bracket's
/// other name, and for a typed score 改革创新评分 / 体制机制改革得分.
fn aliases_of(known: Option<&Indicator>, name: &str, pasted: &str, also: Option<&str>, typed: bool) -> Vec<String> {
    let mut aliases = known.map(|k| k.aliases.clone()).unwrap_or_default();
    let mut own = vec![pasted.to_string()];
    own.extend(also.map(str::to_string));
    if typed {
        own.extend([format!("{pasted}评分"), format!("{pasted}得分")]);
    }
    for a in own {
        if a != name && !aliases.contains(&a) {
            aliases.push(a);
        }
    }
    aliases
}

/// The catalogue's indicator or input a pasted name is, matched as data names are.
fn find_known<'a>(cat: &'a Scheme, name: &str) -> Option<&'a Indicator> {
    let k = vocab::name_key(name);
    if k.is_empty() {
        return None;
    }
    cat.indicators.iter().find(|i| vocab::name_key(&i.name) == k || i.aliases.iter().any(|a| vocab::name_key(a) == k))
}

/// Adds an input (an event count, a pasted average or rank, a formula's operand)
/// under its catalogue name when the catalogue knows it; returns the name used.
fn add_input(cat: &Scheme, s: &mut Scheme, name: &str, unit: &str) -> String {
    if let Some(c) = s.canonical(name) {
        return c.to_string();
    }
    let k = vocab::name_key(name);
    let known = cat.inputs.iter().find(|i| vocab::name_key(&i.name) == k || i.aliases.iter().any(|a| vocab::name_key(a) == k));
    let known_ind = find_known(cat, name);
    let (canon, aliases, unit) = match (known, known_ind) {
        (Some(i), _) => (i.name.clone(), i.aliases.clone(), i.unit.clone()),
        (None, Some(i)) => (i.name.clone(), i.aliases.clone(), i.unit.clone()),
        (None, None) => (name.to_string(), Vec::new(), unit.to_string()),
    };
    if s.canonical(&canon).is_none() {
        let mut aliases = aliases;
        if canon != name && !aliases.iter().any(|a| a == name) {
            aliases.push(name.to_string());
        }
        s.inputs.push(Input { name: canon.clone(), aliases, unit });
    }
    canon
}

/// The method with its event inputs under their catalogue names, and the side
/// inputs (a pasted average, a pasted rank) declared.
fn canonical_inputs(cat: &Scheme, s: &mut Scheme, method: Method, unit: &str) -> Method {
    match method {
        Method::Deduct { items } => {
            let items = items.into_iter().map(|mut it| {
                it.input = add_input(cat, s, &it.input, "起");
                it
            });
            Method::Deduct { items: items.collect() }
        }
        Method::Linear { average_input: Some(a), against, benchmark, gap, step, minus, plus, plus_cap, share, floor, whole_steps } => {
            let a = add_input(cat, s, &a, unit);
            // 亩均税收全省平均值, 技工贸总收入增速全省园区平均: the column the paste gives.
            if let (Some(input), Some(base)) = (s.inputs.iter_mut().find(|i| i.name == a), a.strip_suffix("全省平均").or_else(|| a.strip_suffix("全市平均"))) {
                let region = if a.ends_with("全市平均") { "全市" } else { "全省" };
                for alias in [format!("{a}值"), format!("{base}{region}园区平均"), format!("{base}{region}园区平均值"), format!("{base}{region}平均水平"), format!("{region}平均{base}")] {
                    if !input.aliases.contains(&alias) {
                        input.aliases.push(alias);
                    }
                }
            }
            Method::Linear { average_input: Some(a), against, benchmark, gap, step, minus, plus, plus_cap, share, floor, whole_steps }
        }
        Method::Rank { rank_input: Some(r), first, step, top, tiers, floor } => {
            let r = add_input(cat, s, &r, "");
            Method::Rank { rank_input: Some(r), first, step, top, tiers, floor }
        }
        m => m,
    }
}
