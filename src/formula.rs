//! A small safe expression language for derived indicators (+ − × ÷, parentheses, names).
//! STUB: issue 4 implements parsing, unit-aware evaluation and errors.
