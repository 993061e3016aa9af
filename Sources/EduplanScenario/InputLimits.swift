/// The largest numbers eduplan accepts in the files and options that come after a scenario: plan.json
/// (`solve --previous`, `evaluate`), actuals files, sweep CSVs and the sweep's scaled fund amounts.
///
/// They keep every sum finite and every conversion safe: a plan of a billion schools at the money cap
/// still sums to 1e22, far below Double's range, and a count cap of ten million teachers or pupils
/// per line fits every province on earth. Until the scenario loader's own ranges exist, these are
/// the caps; then they should point at the loader's.
public enum InputLimits {
    /// Money per line (an allocation, a fund's amount, a flow, a disbursement, a sum per school and
    /// category): 10¹³ in the scenario's currency.
    public static let maxMoney = 1e13
    /// Counts per line (pupils, teachers, a dispatch): 10⁷.
    public static let maxCount = 1e7
    /// Round-off accepted below 0 in numbers a solver wrote (an allocation of −1e-9 is 0).
    public static let roundOff = 1e-6

    /// `1e13` for messages.
    public static let maxMoneyText = "1e13"
    /// `10,000,000` for messages.
    public static let maxCountText = "10,000,000"

    /// A number as messages show what was found: up to 10 significant digits, `1.2e+13`, `-1e+308`, `inf`.
    public static func shown(_ value: Double) -> String { String(format: "%.10g", value) }
}
