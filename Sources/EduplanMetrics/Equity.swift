/// Equity metrics of a plan (MODEL.md §8, conventions in §11), as pure functions over arrays.
///
/// Every weighted metric takes parallel `values` and `weights` (per-pupil allocation
/// v_s = X_s / n_s and pupils n_s for the plan metrics). Entries with weight 0 are left
/// out, as schools with no pupils are left out of per-pupil metrics. A metric that is
/// undefined for its input (no entries, a zero mean, a zero median, …) is `nil`; no
/// function returns NaN or infinity. Values and weights must be finite and weights ≥ 0
/// (a precondition: violating it is a programming error, not an input error).
///
/// `docs/metrics.md` states each formula, how to read it, and the usual benchmarks.
public enum Equity {}
