//! Fixed-point points (hundredths) so printed subtotals are exact sums of printed figures.

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// A score in hundredths of a point. Indicator scores are rounded once, half away
/// from zero, and from then on only added, so every subtotal on paper adds up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(pub i64);

impl Points {
    pub const ZERO: Points = Points(0);

    /// Rounds a float score to hundredths, half away from zero. Non-finite input
    /// (which the scorers never produce, but the type must not trust that) is 0.
    pub fn round(x: f64) -> Points {
        if !x.is_finite() {
            return Points(0);
        }
        // Scale via a decimal string would be exact but slow; nudging by a few ULPs
        // instead keeps values like 2.675 (stored as 2.67499999…) rounding up as
        // a person computing by hand expects.
        let scaled = x * 100.0;
        let nudged = scaled + scaled.signum() * scaled.abs() * 4.0 * f64::EPSILON;
        let r = nudged.round();
        let clamped = r.clamp(-9.0e15, 9.0e15);
        Points(clamped as i64)
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    pub fn min(self, other: Points) -> Points {
        Points(self.0.min(other.0))
    }

    pub fn max(self, other: Points) -> Points {
        Points(self.0.max(other.0))
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, rhs: Points) -> Points {
        Points(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Points {
    fn add_assign(&mut self, rhs: Points) {
        *self = *self + rhs;
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, rhs: Points) -> Points {
        Points(self.0.saturating_sub(rhs.0))
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

/// Serialized as a plain number (e.g. 6.0 for 600 hundredths) for the JS side.
impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

/// Rounds `x` to `decimals` places half away from zero, as a person rounding
/// the printed figure by hand would (13.175 → 13.18, although the float is
/// 13.17499…), for figures shown in explanations and exports.
pub fn round_half_away(x: f64, decimals: i32) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(decimals);
    let scaled = x * scale;
    let nudged = scaled + scaled.signum() * scaled.abs() * 4.0 * f64::EPSILON;
    let r = nudged.round() / scale;
    if r.is_finite() {
        r
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero() {
        for (x, want) in [(2.675, "2.68"), (-2.675, "-2.68"), (0.005, "0.01"), (-0.005, "-0.01"), (6.0, "6.00"), (f64::NAN, "0.00")] {
            assert_eq!(Points::round(x).to_string(), want, "{x}");
        }
    }

    #[test]
    fn display_rounding_is_half_away_from_zero() {
        assert_eq!(format!("{:.2}", round_half_away(5.27e8 / 4000.0 / 1e4, 2)), "13.18");
        assert_eq!(format!("{:.2}", round_half_away(-2.675, 2)), "-2.68");
        assert_eq!(format!("{:.4}", round_half_away(0.00125, 4)), "0.0013");
    }
}
