//! Units of measure: parsing unit labels (亿元, 公顷, %, 万元/亩 …) and converting between them.
//!
//! A unit is a scale factor over a base (元, 亩, 1) plus dimension exponents, so
//! derived units such as 万元/亩 fall out of division and conversions are only
//! allowed between units of the same dimension. US dollars are their own
//! dimension: the tool never converts currencies silently.

use serde::Serialize;

/// Exponents of the base dimensions. Two units convert iff their `Dims` are equal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Dims {
    pub cny: i8,
    pub usd: i8,
    pub area: i8,
    pub count: i8,
    pub score: i8,
    /// Energy in tonnes of standard coal (吨标准煤), for 能耗 indicators.
    pub energy: i8,
    /// Mass in tonnes (吨), for emissions and output volumes.
    pub mass: i8,
}

impl Dims {
    pub const NONE: Dims = Dims { cny: 0, usd: 0, area: 0, count: 0, score: 0, energy: 0, mass: 0 };

    pub fn times(self, o: Dims) -> Dims {
        Dims {
            cny: self.cny.saturating_add(o.cny),
            usd: self.usd.saturating_add(o.usd),
            area: self.area.saturating_add(o.area),
            count: self.count.saturating_add(o.count),
            score: self.score.saturating_add(o.score),
            energy: self.energy.saturating_add(o.energy),
            mass: self.mass.saturating_add(o.mass),
        }
    }

    pub fn per(self, o: Dims) -> Dims {
        self.times(Dims {
            cny: o.cny.saturating_neg(),
            usd: o.usd.saturating_neg(),
            area: o.area.saturating_neg(),
            count: o.count.saturating_neg(),
            score: o.score.saturating_neg(),
            energy: o.energy.saturating_neg(),
            mass: o.mass.saturating_neg(),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unit {
    /// The label as the scheme or the table wrote it, normalised (e.g. "亿元", "%").
    pub label: String,
    /// How many base units one of this unit is (亿元 → 1e8 元, % → 0.01).
    pub factor: f64,
    pub dims: Dims,
}

const fn d(cny: i8, usd: i8, area: i8, count: i8, score: i8) -> Dims {
    Dims { cny, usd, area, count, score, energy: 0, mass: 0 }
}

const ENERGY: Dims = Dims { energy: 1, ..Dims::NONE };
const MASS: Dims = Dims { mass: 1, ..Dims::NONE };

/// Simple units by label. Longer labels come first so that suffix matching in
/// cells (148.2032亿元) prefers 亿元 over 元.
const SIMPLE: &[(&str, f64, Dims)] = &[
    ("亿美元", 1e8, d(0, 1, 0, 0, 0)),
    ("万美元", 1e4, d(0, 1, 0, 0, 0)),
    ("美元", 1.0, d(0, 1, 0, 0, 0)),
    ("亿元", 1e8, d(1, 0, 0, 0, 0)),
    ("万元", 1e4, d(1, 0, 0, 0, 0)),
    ("千元", 1e3, d(1, 0, 0, 0, 0)),
    ("元", 1.0, d(1, 0, 0, 0, 0)),
    ("平方公里", 1500.0, d(0, 0, 1, 0, 0)),
    ("平方千米", 1500.0, d(0, 0, 1, 0, 0)),
    ("km²", 1500.0, d(0, 0, 1, 0, 0)),
    ("km2", 1500.0, d(0, 0, 1, 0, 0)),
    ("万亩", 1e4, d(0, 0, 1, 0, 0)),
    ("公顷", 15.0, d(0, 0, 1, 0, 0)),
    ("平方米", 0.0015, d(0, 0, 1, 0, 0)),
    ("m²", 0.0015, d(0, 0, 1, 0, 0)),
    ("m2", 0.0015, d(0, 0, 1, 0, 0)),
    ("亩", 1.0, d(0, 0, 1, 0, 0)),
    ("%", 0.01, Dims::NONE),
    ("％", 0.01, Dims::NONE),
    ("‰", 0.001, Dims::NONE),
    ("百分点", 0.01, Dims::NONE),
    ("倍", 1.0, Dims::NONE),
    ("—", 1.0, Dims::NONE),
    ("-", 1.0, Dims::NONE),
    ("", 1.0, Dims::NONE),
    ("万吨标准煤", 1e4, ENERGY),
    ("吨标准煤", 1.0, ENERGY),
    ("万吨标煤", 1e4, ENERGY),
    ("吨标煤", 1.0, ENERGY),
    ("tce", 1.0, ENERGY),
    ("万吨", 1e4, MASS),
    ("千克", 0.001, MASS),
    ("公斤", 0.001, MASS),
    ("吨", 1.0, MASS),
    ("个", 1.0, d(0, 0, 0, 1, 0)),
    ("件", 1.0, d(0, 0, 0, 1, 0)),
    ("家", 1.0, d(0, 0, 0, 1, 0)),
    ("起", 1.0, d(0, 0, 0, 1, 0)),
    ("人", 1.0, d(0, 0, 0, 1, 0)),
    ("项", 1.0, d(0, 0, 0, 1, 0)),
    ("户", 1.0, d(0, 0, 0, 1, 0)),
    ("次", 1.0, d(0, 0, 0, 1, 0)),
    ("座", 1.0, d(0, 0, 0, 1, 0)),
    ("分", 1.0, d(0, 0, 0, 0, 1)),
];

impl Unit {
    /// The dimensionless unit 1, used for ratios such as 综合容积率.
    pub fn one() -> Unit {
        Unit { label: String::new(), factor: 1.0, dims: Dims::NONE }
    }

    /// Parses a unit label such as "亿元", "万元/亩", "%" or "个". Full-width
    /// slashes and surrounding brackets or spaces are accepted. Returns `None`
    /// for labels the tool does not know, which callers report as diagnostics.
    pub fn parse(label: &str) -> Option<Unit> {
        let clean: String = label
            .trim()
            .trim_matches(|c| matches!(c, '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】'))
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == '／' { '/' } else { c })
            .collect();
        let mut parts = clean.splitn(2, '/');
        let num = parts.next().unwrap_or("");
        let den = parts.next();
        let (nf, nd) = lookup(num)?;
        let (factor, dims) = match den {
            None => (nf, nd),
            Some(den) => {
                let (df, dd) = lookup(den)?;
                (nf / df, nd.per(dd))
            }
        };
        let label = match clean.as_str() {
            "％" => "%".to_string(),
            "-" => "—".to_string(),
            _ => clean,
        };
        Some(Unit { label, factor, dims })
    }

    /// The unit at the end of `text` (e.g. "148.2032亿元" → 亿元), with the byte
    /// index where it starts. Only simple units are matched at the end of cells.
    pub fn suffix_of(text: &str) -> Option<(usize, Unit)> {
        let t = text.trim_end();
        for (label, factor, dims) in SIMPLE {
            if !label.is_empty() && *label != "-" && *label != "—" && t.ends_with(label) {
                let at = t.len() - label.len();
                let label = if *label == "％" { "%" } else { label };
                return Some((at, Unit { label: label.to_string(), factor: *factor, dims: *dims }));
            }
        }
        None
    }

    pub fn is_percent(&self) -> bool {
        self.dims == Dims::NONE && (self.factor - 0.01).abs() < 1e-12
    }

    pub fn same_dims(&self, other: &Unit) -> bool {
        self.dims == other.dims
    }

    /// Converts `value` from this unit into `to`, or `None` when the dimensions
    /// differ (亿美元 → 亿元, 亩 → 元 …).
    pub fn convert(&self, value: f64, to: &Unit) -> Option<f64> {
        if self.dims != to.dims || to.factor == 0.0 {
            return None;
        }
        Some(value * self.factor / to.factor)
    }
}

fn lookup(label: &str) -> Option<(f64, Dims)> {
    SIMPLE.iter().find(|(l, _, _)| *l == label).map(|(_, f, d)| (*f, *d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(v: f64, from: &str, to: &str) -> Option<f64> {
        Unit::parse(from)?.convert(v, &Unit::parse(to)?)
    }

    #[test]
    fn converts_within_a_dimension_only() {
        assert_eq!(conv(1.0, "亿元", "万元"), Some(10000.0));
        assert_eq!(conv(2.0, "公顷", "亩"), Some(30.0));
        assert_eq!(conv(1.0, "平方公里", "公顷"), Some(100.0));
        assert_eq!(conv(63.7, "%", ""), Some(0.637));
        assert_eq!(conv(1.0, "亿美元", "亿元"), None);
        assert_eq!(conv(1.0, "亩", "元"), None);
        assert_eq!(conv(1.0, "亿元/亩", "万元/亩"), Some(10000.0));
        assert_eq!(conv(3.0, "件", "个"), Some(3.0));
        assert_eq!(conv(2.0, "万吨标准煤", "吨标准煤"), Some(20000.0));
        assert_eq!(conv(1.0, "吨标准煤", "吨"), None);
    }

    #[test]
    fn finds_suffixes() {
        let (at, u) = Unit::suffix_of("148.2032亿元").unwrap();
        assert_eq!((at, u.label.as_str()), (8, "亿元"));
        assert_eq!(Unit::suffix_of("63.7％").unwrap().1.label, "%");
        assert!(Unit::suffix_of("12").is_none());
        assert!(Unit::parse("斤").is_none());
    }
}
