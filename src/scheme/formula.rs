//! A small safe expression language for derived indicators (+ − × ÷, parentheses, names).
//!
//! Grammar (documented for the page's help as well):
//!
//! ```text
//! expr    = term { ("+" | "-" | "−" | "＋" | "－") term }
//! term    = unary { ("*" | "×" | "/" | "÷" | "／") unary }
//! unary   = ("-" | "+") unary | primary
//! primary = number [ "%" ] | name | "(" expr ")"      ( full-width （） too )
//! ```
//!
//! A name is any run of characters that are not operators, parentheses or
//! whitespace at its ends (R&D投入, 5G基站数 are names); a run that reads as a
//! number is a number, and a trailing % makes it a fraction (3% = 0.03).
//! Parsing is bounded (nesting depth and length), so hostile input yields an
//! error, never a stack overflow. Evaluation is unit-aware: every input is in
//! its scheme unit, converted to base units, the dimensions are tracked, and the
//! result is converted into the indicator's unit. Missing inputs and division
//! by zero give a Chinese 缺数据 reason instead of 0, NaN or Infinity.

use crate::base::unit::{Dims, Unit};

/// Looks up an input by name: its value (with unit or dims) or the 缺数据 reason.
pub type Lookup<'a, T> = &'a dyn Fn(&str) -> Result<T, String>;

/// Nesting deeper than this is refused (a real formula nests two or three levels).
pub const MAX_DEPTH: usize = 40;
/// Formulas with more tokens than this are refused; it bounds the tree depth of
/// long chains such as a + a + a + …, which evaluation walks recursively.
pub const MAX_TOKENS: usize = 400;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "−",
            Op::Mul => "×",
            Op::Div => "÷",
        }
    }

    fn precedence(self) -> u8 {
        match self {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div => 2,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A number, with its text as written (3% has value 0.03 and text "3%").
    Num { value: f64, text: String },
    Name(String),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
}

/// A parse error at a 0-based character position of the formula text.
#[derive(Clone, Debug, PartialEq)]
pub struct FormulaError {
    pub pos: usize,
    pub message: String,
}

impl std::fmt::Display for FormulaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "公式第 {} 个字符处{}", self.pos + 1, self.message)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64, String),
    Name(String),
    Op(Op),
    Open,
    Close,
}

fn op_of(c: char) -> Option<Op> {
    match c {
        '+' | '＋' => Some(Op::Add),
        '-' | '−' | '－' | '–' => Some(Op::Sub),
        '*' | '×' | '＊' | '·' => Some(Op::Mul),
        '/' | '÷' | '／' => Some(Op::Div),
        _ => None,
    }
}

fn is_special(c: char) -> bool {
    op_of(c).is_some() || matches!(c, '(' | ')' | '（' | '）')
}

/// Reads a number such as 12, 0.5, ３．５ or 3% (full-width accepted).
fn number_of(word: &str) -> Option<(f64, String)> {
    let ascii: String = word
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            _ => c,
        })
        .collect();
    let (digits, percent) = match ascii.strip_suffix('%') {
        Some(d) => (d, true),
        None => (ascii.as_str(), false),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let v: f64 = digits.parse().ok()?;
    let v = if percent { v / 100.0 } else { v };
    v.is_finite().then_some((v, ascii))
}

fn tokenize(text: &str) -> Result<Vec<(usize, Tok)>, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if toks.len() > MAX_TOKENS {
            return Err(FormulaError { pos: i, message: format!("：公式过长（超过 {MAX_TOKENS} 个记号）") });
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if let Some(op) = op_of(c) {
            toks.push((i, Tok::Op(op)));
            i += 1;
            continue;
        }
        match c {
            '(' | '（' => toks.push((i, Tok::Open)),
            ')' | '）' => toks.push((i, Tok::Close)),
            _ => {
                let start = i;
                while chars.get(i).is_some_and(|&c| !is_special(c)) {
                    i += 1;
                }
                let word: String = chars.get(start..i).unwrap_or(&[]).iter().collect::<String>().trim().to_string();
                let tok = match number_of(&word) {
                    Some((v, t)) => Tok::Num(v, t),
                    None => Tok::Name(word),
                };
                toks.push((start, tok));
                continue;
            }
        }
        i += 1;
    }
    Ok(toks)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    at: usize,
    end: usize,
}

impl Parser {
    fn pos(&self) -> usize {
        self.toks.get(self.at).map(|t| t.0).unwrap_or(self.end)
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|t| &t.1)
    }

    fn err<T>(&self, message: &str) -> Result<T, FormulaError> {
        Err(FormulaError { pos: self.pos(), message: format!("：{message}") })
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, FormulaError> {
        let mut left = self.term(depth)?;
        while let Some(Tok::Op(op @ (Op::Add | Op::Sub))) = self.peek() {
            let op = *op;
            self.at += 1;
            let right = self.term(depth)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn term(&mut self, depth: usize) -> Result<Expr, FormulaError> {
        let mut left = self.unary(depth)?;
        while let Some(Tok::Op(op @ (Op::Mul | Op::Div))) = self.peek() {
            let op = *op;
            self.at += 1;
            let right = self.unary(depth)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, FormulaError> {
        if depth > MAX_DEPTH {
            return self.err(&format!("嵌套过深（超过 {MAX_DEPTH} 层）"));
        }
        match self.peek() {
            Some(Tok::Op(Op::Sub)) => {
                self.at += 1;
                Ok(Expr::Neg(Box::new(self.unary(depth + 1)?)))
            }
            Some(Tok::Op(Op::Add)) => {
                self.at += 1;
                self.unary(depth + 1)
            }
            _ => self.primary(depth),
        }
    }

    fn primary(&mut self, depth: usize) -> Result<Expr, FormulaError> {
        let tok = self.peek().cloned();
        match tok {
            Some(Tok::Num(value, text)) => {
                self.at += 1;
                Ok(Expr::Num { value, text })
            }
            Some(Tok::Name(n)) => {
                self.at += 1;
                Ok(Expr::Name(n))
            }
            Some(Tok::Open) => {
                self.at += 1;
                let inner = self.expr(depth + 1)?;
                if self.peek() != Some(&Tok::Close) {
                    return self.err("缺少右括号");
                }
                self.at += 1;
                Ok(inner)
            }
            Some(Tok::Close) => self.err("多余的右括号"),
            Some(Tok::Op(op)) => self.err(&format!("运算符 {} 前缺少数值或指标名", op.symbol())),
            None => self.err("公式不完整，缺少数值或指标名"),
        }
    }
}

/// Parses a formula. Errors carry the character position and a Chinese message.
pub fn parse(text: &str) -> Result<Expr, FormulaError> {
    let toks = tokenize(text)?;
    let end = text.chars().count();
    if toks.is_empty() {
        return Err(FormulaError { pos: 0, message: "：公式为空".into() });
    }
    let mut p = Parser { toks, at: 0, end };
    let e = p.expr(0)?;
    match p.peek() {
        None => Ok(e),
        Some(Tok::Close) => p.err("多余的右括号"),
        Some(_) => p.err("此处应为运算符"),
    }
}

impl Expr {
    /// The item names the formula reads, in order of first appearance, without repeats.
    pub fn inputs(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk_names(&mut |n| {
            if !out.iter().any(|o: &String| o == n) {
                out.push(n.to_string());
            }
        });
        out
    }

    fn walk_names(&self, f: &mut dyn FnMut(&str)) {
        match self {
            Expr::Num { .. } => {}
            Expr::Name(n) => f(n),
            Expr::Neg(e) => e.walk_names(f),
            Expr::Bin(_, a, b) => {
                a.walk_names(f);
                b.walk_names(f);
            }
        }
    }

    /// Writes the expression with each name replaced by `show(name)`, e.g. the
    /// input's value, so the breakdown shows "4.99 ÷ 148.20".
    pub fn render(&self, show: &dyn Fn(&str) -> String) -> String {
        self.render_prec(show, 0)
    }

    fn render_prec(&self, show: &dyn Fn(&str) -> String, outer: u8) -> String {
        match self {
            Expr::Num { text, .. } => text.clone(),
            Expr::Name(n) => show(n),
            Expr::Neg(e) => format!("−{}", e.render_prec(show, 3)),
            Expr::Bin(op, a, b) => {
                let p = op.precedence();
                // The right operand of − and ÷ needs brackets at equal precedence too.
                let s = format!("{} {} {}", a.render_prec(show, p), op.symbol(), b.render_prec(show, p + 1));
                if p < outer {
                    format!("({s})")
                } else {
                    s
                }
            }
        }
    }

    /// The dimensions of the result given each input's unit, or a Chinese message
    /// when a sum mixes dimensions (亿元 + 亩) or a name has no unit.
    pub fn dims(&self, unit_of: &dyn Fn(&str) -> Option<Unit>) -> Result<Dims, String> {
        match self {
            Expr::Num { .. } => Ok(Dims::NONE),
            Expr::Name(n) => unit_of(n).map(|u| u.dims).ok_or_else(|| format!("公式中的 {n} 不是方案中的指标或基础数据")),
            Expr::Neg(e) => e.dims(unit_of),
            Expr::Bin(op, a, b) => {
                let (da, db) = (a.dims(unit_of)?, b.dims(unit_of)?);
                match op {
                    Op::Mul => Ok(da.times(db)),
                    Op::Div => Ok(da.per(db)),
                    Op::Add | Op::Sub => {
                        if da == db {
                            Ok(da)
                        } else {
                            Err(format!("公式中 {} 两边的单位量纲不同，不能相加减", op.symbol()))
                        }
                    }
                }
            }
        }
    }

    /// Evaluates in base units. `input` gives each name's value in base units
    /// (value × unit factor) or the 缺数据 reason.
    pub fn eval_base(&self, input: Lookup<(f64, Dims)>) -> Result<(f64, Dims), String> {
        let (v, d) = match self {
            Expr::Num { value, .. } => (*value, Dims::NONE),
            Expr::Name(n) => input(n)?,
            Expr::Neg(e) => {
                let (v, d) = e.eval_base(input)?;
                (-v, d)
            }
            Expr::Bin(op, a, b) => {
                let (va, da) = a.eval_base(input)?;
                let (vb, db) = b.eval_base(input)?;
                match op {
                    Op::Add | Op::Sub if da != db => return Err("缺数据：公式两边单位量纲不同".into()),
                    Op::Add => (va + vb, da),
                    Op::Sub => (va - vb, da),
                    Op::Mul => (va * vb, da.times(db)),
                    Op::Div if vb == 0.0 => return Err("缺数据：除数为零".into()),
                    Op::Div => (va / vb, da.per(db)),
                }
            }
        };
        if v.is_finite() {
            Ok((v, d))
        } else {
            Err("缺数据：计算结果超出范围".into())
        }
    }

    /// Evaluates and converts the result into `to` (a dimensionless result into %
    /// multiplies by 100; 亿元/亩 into 万元/亩 by 10 000). `input` gives each
    /// name's value in its own unit, or the 缺数据 reason.
    pub fn evaluate(&self, input: Lookup<(f64, Unit)>, to: &Unit) -> Result<f64, String> {
        let base = |n: &str| input(n).map(|(v, u)| (v * u.factor, u.dims));
        let (v, d) = self.eval_base(&base)?;
        if d != to.dims || to.factor == 0.0 {
            return Err(format!("缺数据：公式结果的单位与 {} 不符", unit_label(to)));
        }
        let out = v / to.factor;
        if out.is_finite() {
            Ok(out)
        } else {
            Err("缺数据：计算结果超出范围".into())
        }
    }
}

/// A unit's label for messages; the dimensionless unit shows as 无量纲.
pub fn unit_label(u: &Unit) -> &str {
    if u.label.is_empty() || u.label == "—" {
        "无量纲"
    } else {
        &u.label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and evaluates `text` with inputs given as (name, value, unit) into
    /// `to`, and compares "value rounded to 4 decimals" or the error text.
    fn check(text: &str, inputs: &[(&str, Option<f64>, &str)], to: &str, want: &str) {
        let got = match parse(text) {
            Err(e) => e.to_string(),
            Ok(expr) => {
                let input = |n: &str| -> Result<(f64, Unit), String> {
                    let (_, v, u) = inputs.iter().find(|(m, _, _)| *m == n).ok_or_else(|| format!("缺数据：{n} 不在方案中"))?;
                    let v = v.ok_or_else(|| format!("缺数据：{n} 无数据"))?;
                    Ok((v, Unit::parse(u).ok_or("bad unit")?))
                };
                let unit = Unit::parse(to).unwrap_or_else(Unit::one);
                match expr.evaluate(&input, &unit) {
                    Ok(v) => format!("{v:.4}"),
                    Err(e) => e,
                }
            }
        };
        assert_eq!(got, want, "{}", crate::diag::shorten(text, 60));
    }

    #[test]
    fn evaluates_with_units() {
        let rd = [("研究开发费用总额", Some(4.99), "亿元"), ("技工贸总收入", Some(148.2032), "亿元")];
        check("研究开发费用总额 / 技工贸总收入", &rd, "%", "3.3670");
        check("研究开发费用总额÷技工贸总收入", &rd, "", "0.0337");
        let tax = [("上交税金", Some(5.27), "亿元"), ("已开发面积", Some(3000.0), "亩")];
        check("上交税金 / 已开发面积", &tax, "万元/亩", "17.5667");
        check("上交税金 / 已开发面积", &[("上交税金", Some(5.27), "亿元"), ("已开发面积", Some(200.0), "公顷")], "万元/亩", "17.5667");
        check("（a＋b）×2÷c", &[("a", Some(1.0), ""), ("b", Some(2.0), ""), ("c", Some(3.0), "")], "", "2.0000");
        check("(本期 − 上年同期) / 上年同期", &[("本期", Some(120.0), "亿元"), ("上年同期", Some(100.0), "亿元")], "%", "20.0000");
        check("R&D投入 / 5G产值 * 3%", &[("R&D投入", Some(2.0), "亿元"), ("5G产值", Some(4.0), "亿元")], "%", "1.5000");
        check("-(-(-a)) + ２", &[("a", Some(1.0), "")], "", "1.0000");
        check("a - b - c", &[("a", Some(10.0), ""), ("b", Some(3.0), ""), ("c", Some(2.0), "")], "", "5.0000");
        check("a / b * c", &[("a", Some(8.0), ""), ("b", Some(2.0), ""), ("c", Some(3.0), "")], "", "12.0000");
    }

    #[test]
    fn missing_data_and_bad_units_are_reasons_not_numbers() {
        let tax = |area: Option<f64>| [("上交税金", Some(5.27), "亿元"), ("已开发面积", area, "亩")];
        check("上交税金 / 已开发面积", &tax(None), "万元/亩", "缺数据：已开发面积 无数据");
        check("上交税金 / 已开发面积", &tax(Some(0.0)), "万元/亩", "缺数据：除数为零");
        check("上交税金 / (已开发面积 - 已开发面积)", &tax(Some(5.0)), "万元/亩", "缺数据：除数为零");
        check("上交税金 / 已开发面积", &tax(Some(1.0)), "%", "缺数据：公式结果的单位与 % 不符");
        check("上交税金 + 已开发面积", &tax(Some(1.0)), "万元", "缺数据：公式两边单位量纲不同");
        check("a * b", &[("a", Some(1e200), ""), ("b", Some(1e200), "")], "", "缺数据：计算结果超出范围");
    }

    #[test]
    fn parse_errors_carry_positions() {
        check("", &[], "", "公式第 1 个字符处：公式为空");
        check("a +", &[], "", "公式第 4 个字符处：公式不完整，缺少数值或指标名");
        check("(a + b", &[], "", "公式第 7 个字符处：缺少右括号");
        check("a + b)", &[], "", "公式第 6 个字符处：多余的右括号");
        check("a * / b", &[], "", "公式第 5 个字符处：运算符 ÷ 前缺少数值或指标名");
        check("a (b)", &[], "", "公式第 3 个字符处：此处应为运算符");
        let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
        check(&deep, &[], "", "公式第 42 个字符处：嵌套过深（超过 40 层）");
        let huge = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
        check(&huge, &[], "", "公式第 402 个字符处：公式过长（超过 400 个记号）");
        let minus = format!("{}a", "-".repeat(100));
        check(&minus, &[], "", "公式第 42 个字符处：嵌套过深（超过 40 层）");
        let long = vec!["a"; 100_000].join("+");
        check(&long, &[], "", "公式第 402 个字符处：公式过长（超过 400 个记号）");
    }

    #[test]
    fn lists_inputs_and_dims() {
        let e = parse("上交税金 / 已开发面积 + 上交税金 / 亩数").unwrap();
        assert_eq!(e.inputs(), ["上交税金", "已开发面积", "亩数"]);
        let unit = |n: &str| Unit::parse(if n == "上交税金" { "亿元" } else { "亩" });
        assert_eq!(e.dims(&unit), Ok(Unit::parse("万元/亩").unwrap().dims));
        let bad = parse("上交税金 + 亩数").unwrap();
        assert!(bad.dims(&unit).unwrap_err().contains("量纲不同"));
    }

    #[test]
    fn renders_with_brackets_only_where_needed() {
        let e = parse("(本期－上年同期)÷上年同期").unwrap();
        assert_eq!(e.render(&|n| n.to_string()), "(本期 − 上年同期) ÷ 上年同期");
        let e = parse("a - (b - c)").unwrap();
        assert_eq!(e.render(&|n| n.to_string()), "a − (b − c)");
    }
}
