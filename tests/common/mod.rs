//! Helpers shared by the integration tests: a small deterministic PRNG and figure formatting.

/// xorshift64*: small, fast and deterministic, which is all a test PRNG needs,
/// so the property tests need no crates and always replay the same cases.
pub struct Rng(pub u64);

#[allow(dead_code)] // each test file uses its own subset
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs.get(self.below(xs.len())).copied().unwrap_or("")
    }

    /// A float in lo..hi.
    pub fn f(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A float in lo..hi, or (one time in six) none.
    pub fn maybe(&mut self, lo: f64, hi: f64) -> Option<f64> {
        (self.below(6) != 0).then(|| self.f(lo, hi))
    }
}

/// A figure as the expectation files write it: two decimals, "—" for missing,
/// and never a non-finite number (which would be a bug in the code under test).
#[allow(dead_code)] // not every test file renders figures
pub fn f(v: Option<f64>) -> String {
    match v {
        Some(x) => {
            assert!(x.is_finite(), "non-finite figure {x}");
            let s = format!("{x:.2}");
            if s == "-0.00" {
                "0.00".to_string()
            } else {
                s
            }
        }
        None => "—".to_string(),
    }
}
