import EduplanPlanner
import Foundation

/// The definitions behind every number of the HTML report (docs/model.md, docs/metrics.md).
///
/// Each entry is a `<details id="g-…">` in the page's last section; numbers and column headings link
/// to it (`HTMLGlossary.link`), so every definition is one click away.
enum HTMLGlossary {
    struct Entry {
        var id: String
        var term: String
        /// One line, shown as the link's tooltip.
        var short: String
        /// The formula, plain text (escaped when written).
        var formula: String?
        /// The reading, plain text.
        var text: String
    }

    /// A link to the definition of `id` around `label` (already HTML).
    static func link(_ id: String, _ label: String) -> String {
        guard let entry = entries.first(where: { $0.id == id }) else { return label }
        return "<a class=\"def\" href=\"#g-\(id)\" title=\"\(HTMLText.escape(entry.term + ": " + entry.short))\">\(label)</a>"
    }

    /// The glossary section's body.
    static func html() -> String {
        var out = ""
        for e in entries {
            out += "<details class=\"entry\" id=\"g-\(e.id)\"><summary>\(HTMLText.escape(e.term))</summary>\n"
            out += "<p>\(HTMLText.escape(e.short))</p>\n"
            if let f = e.formula { out += "<div class=\"formula\">\(HTMLText.escape(f))</div>\n" }
            out += "<p class=\"small\">\(HTMLText.escape(e.text))</p></details>\n"
        }
        return out
    }

    static let entries: [Entry] = [
        Entry(id: "status", term: "Status",
              short: "How the solve ended.",
              formula: nil,
              text: "optimal: the best plan under the scenario's rules; feasible: a valid plan, but a time or gap limit stopped the search before optimality was proven; infeasible: the hard rules cannot all hold (the elastic diagnosis says what must give); unbounded or failed: no plan."),
        Entry(id: "benefit", term: "Weighted benefit U",
              short: "The value of everything the plan funds, weighted by school priority and category weight, in points: money times weights, not money.",
              formula: "U = Σ_s Σ_k π_s ω_k x_{s,k} + Σ_s Σ_j π_s ω_dispatch V (h_{s,j} − u_{s,j})",
              text: "x_{s,k} is money for category k at school s, π_s the school's priority, ω_k the category's weight, V the money value of one teacher-year of shortage filled, h the shortage and u the shortage left. The plan maximises U (it minimises the weighted unmet need, the objective), subject to budgets, mandatory needs and fairness rules."),
        Entry(id: "objective", term: "Objective (weighted unmet need)",
              short: "What the plan minimises, in points: weighted need left unfunded, plus travel and soft-rule penalties.",
              formula: "min Σ π_s ω_k (N_{s,k} − x_{s,k}) + Σ π_s ω_dispatch V u_{s,j} + λ Σ dist·y + Σ ρ·slack",
              text: "N is need; λ the travel penalty per km; ρ the penalty of a soft fairness rule per unit of violation. Without travel or soft-rule penalties, objective + U is a constant (Σ π ω N + Σ π ω_dispatch V h), so minimising the objective is maximising U."),
        Entry(id: "priority", term: "Priority π_s",
              short: "A school's weight in the benefit: higher for poorer, more left-behind, more disabled, rural and poverty-county schools.",
              formula: "π_s = base + β_poor·poor/n + β_left_behind·left_behind/n + β_disabled·disabled/n + β_rural·rural_s + β_pc·{national 1, provincial 0.5, none 0}",
              text: "Shares are 0 for a school with no pupils. The β are the scenario's priority settings."),
        Entry(id: "need", term: "Need N_{s,k}",
              short: "What category k would cost at school s if fully funded.",
              formula: "per-student categories: rate_{k,level(s)} × count_s;  project categories: Σ cost of the school's projects in k",
              text: "Levels without a rate have no need. Dispatch has no money need: its need is the teacher shortage."),
        Entry(id: "allocated", term: "Money allocated",
              short: "Money the plan assigns, by category, school or region (scenario currency).",
              formula: "X_s = Σ_{k ≠ dispatch} x_{s,k};  dispatch money = Σ annual_cost × teachers dispatched",
              text: "Mandatory categories are always funded in full (x = N). Dispatch money pays the annual cost of the teachers sent."),
        Entry(id: "share-of-need", term: "Share of need funded (coverage)",
              short: "Money received as a fraction of need, over all non-dispatch categories.",
              formula: "coverage(group) = Σ_{s ∈ group} X_s / Σ_{s ∈ group} N^all_s,   N^all_s = Σ_{k ≠ dispatch} N_{s,k}",
              text: "1 (100%) means the group's need is fully funded. Shown as — where there is no need. Mandatory categories count (they are always 100%); the max–min rule uses the non-mandatory coverage C_s / N_s instead."),
        Entry(id: "maxmin", term: "Max–min coverage t*",
              short: "The highest coverage that every school with non-mandatory need can be guaranteed.",
              formula: "phase 1: max t subject to C_s / N_s ≥ t for every school with N_s > 0",
              text: "C_s and N_s are money and need over non-mandatory categories. Fairness rule F2 then keeps every school at t* while maximising U."),
        Entry(id: "per-pupil", term: "Per-pupil allocation v_s",
              short: "Money a school receives per pupil (non-dispatch categories).",
              formula: "v_s = X_s / n_s",
              text: "Schools with no pupils are left out of every per-pupil metric. Per-pupil metrics are pupil-weighted: a school counts as many times as it has pupils."),
        Entry(id: "pof", term: "Price of fairness",
              short: "The share of benefit given up to satisfy the fairness rules.",
              formula: "POF = (U_util − U_fair) / U_util",
              text: "U_util solves the same scenario with every fairness rule removed (mandatory categories stay). 0 means the rules cost nothing; 0.05 means 5% of the benefit. Unique only when no soft rule is on and the travel penalty is 0."),
        Entry(id: "fund-shadow", term: "Shadow price of a fund",
              short: "What one more unit of money in a fund would buy in weighted benefit.",
              formula: "benefit per unit = −d(objective)/d(B_f)",
              text: "What one more unit of money buys, valid up to the end of its stated interval (the ranging of the fund's budget row; times m_f when the minimum-spend side binds). 0 means the fund is not fully used or the extra money has nothing eligible to buy. At a degenerate vertex, or with max–min coverage on, the value is re-solved at the amount ± a small step; the sentence says so."),
        Entry(id: "rule-shadow", term: "Shadow price of a fairness rule",
              short: "What tightening a hard fairness rule by a little would cost in weighted benefit.",
              formula: "d(objective)/d(parameter): α, share, γ, t; for F5 and F6 the bound max",
              text: "A rule binds when one of its rows sits at its bound in the plan: it changes the plan at the margin. Its cost is re-solved at the parameter ± 0.001 (both sides stated). A rule that does not bind costs nothing at the margin (it may still rule plans out). Soft rules have no shadow price; their violation is penalised instead."),
        Entry(id: "fairness", term: "Fairness rules F1–F7",
              short: "Constraints a plan must respect (hard) or pay to violate (soft).",
              formula: FairnessRegistry.types.enumerated().map { "F\($0.offset + 1) \($0.element.key): \($0.element.glossaryFormula)" }
                .joined(separator: "\n"),
              text: "A soft rule adds penalty × violation to the objective instead of forbidding it."),
        Entry(id: "diagnosis", term: "Elastic diagnosis (what must give)",
              short: "For an infeasible scenario: the smallest relaxation of the rules that makes a plan possible.",
              formula: "min Σ (slack × money per unit) over mandatory rows, hard F1, F3–F7 and minimum spends",
              text: "Each listed constraint must be relaxed by the amount shown; money slacks count as money, F4 slacks times the rural pupils, teacher slacks times V. Only the minimal total is unique: other equally small relaxations may exist."),
        Entry(id: "lorenz", term: "Lorenz curve",
              short: "Cumulative share of money against cumulative share of pupils, poorest-funded first.",
              formula: "schools sorted by v_s (ties by id); point i = (Σ_{j ≤ i} n_j / W, Σ_{j ≤ i} X_j / X)",
              text: "The diagonal is perfect equality (every pupil receives the same). The further the curve sags below it, the more unequal; the Gini coefficient is twice the area between them."),
        Entry(id: "gini", term: "Gini coefficient",
              short: "Half the mean absolute difference in per-pupil allocation between two random pupils, relative to the mean.",
              formula: "G = Σ_i Σ_j n_i n_j |v_i − v_j| / (2 W² μ),   W = Σ n_s,  μ = Σ n_s v_s / W",
              text: "0 is equality, 1 the extreme; no small-sample correction. Lower is more equal. Undefined (—) when nothing is allocated: a plan that funds nobody is not perfectly fair."),
        Entry(id: "theil", term: "Theil index T (between / within regions)",
              short: "An entropy measure of inequality that splits into a between-region and a within-region part.",
              formula: "T = Σ_s (n_s/W)(v_s/μ) ln(v_s/μ);  between = Σ_g (W_g/W)(μ_g/μ) ln(μ_g/μ);  within = Σ_g (W_g μ_g/(W μ)) T_g",
              text: "0 is equality. Between is what a region-level transfer could fix; within is the inequality among schools of the same region. T = between + within."),
        Entry(id: "mcloone", term: "McLoone index",
              short: "What pupils at or below the median receive, as a fraction of what they would receive at the median.",
              formula: "McLoone = Σ_{v_s ≤ M} n_s v_s / (M · Σ_{v_s ≤ M} n_s),  M = pupil-weighted median",
              text: "In (0, 1]; 1 means nobody is below the median. Benchmark: ≥ 0.95."),
        Entry(id: "verstegen", term: "Verstegen index",
              short: "The mirror of McLoone for pupils at or above the median.",
              formula: "Verstegen = Σ_{v_s ≥ M} n_s v_s / (M · Σ_{v_s ≥ M} n_s)",
              text: "≥ 1; values well above 1 mean the top half is spread far above the median."),
        Entry(id: "cv", term: "Coefficient of variation",
              short: "The pupil-weighted standard deviation of per-pupil allocation over its mean.",
              formula: "CV = σ / μ,  σ = √(Σ n_s (v_s − μ)² / W)",
              text: "Scale-free. Benchmark: ≤ 0.10."),
        Entry(id: "federal-range", term: "Federal range ratio",
              short: "The spread of the middle 90% of pupils relative to the 5th percentile.",
              formula: "(P_0.95 − P_0.05) / P_0.05,  P_p = lower pupil-weighted percentile",
              text: "0.25 means pupils at the 95th percentile receive 25% more than those at the 5th. Benchmark: ≤ 0.25."),
        Entry(id: "atkinson", term: "Atkinson index (ε = 1)",
              short: "The fraction of the mean a planner averse to inequality would give up to have everyone equal.",
              formula: "A(1) = 1 − exp(Σ_s (n_s/W) ln v_s) / μ",
              text: "In [0, 1]; 1 when any pupil receives nothing."),
        Entry(id: "hoover", term: "Hoover index (against need)",
              short: "The share of all money that would have to move for every school to receive its share of need.",
              formula: "Hoover = ½ Σ_s | X_s / X − p_s |,  p_s = N^all_s / Σ N^all",
              text: "Over all schools, with or without pupils. 0 means money is proportional to need. Fairness rule F5 bounds it."),
        Entry(id: "fiscal-neutrality", term: "Fiscal neutrality (correlation with income)",
              short: "Whether richer places receive more per pupil.",
              formula: "pupil-weighted correlation of v_s with the region's income per capita",
              text: "Positive: money follows wealth; zero or negative: neutral or compensatory. Benchmark: ≤ 0.5. Only where region income is given."),
        Entry(id: "shortage", term: "Teacher shortage",
              short: "Teachers a school lacks in a subject against the staffing standard.",
              formula: "q_{s,j} = required_j if given, else ⌈σ_j n_s / STR_level − 10⁻⁹⌉;  h_{s,j} = max(0, q_{s,j} − e_{s,j})",
              text: "σ_j is the subject's share, STR the standard student–teacher ratio of the level, e the teachers the school has. Shortage left u is what dispatch does not fill."),
        Entry(id: "dispatch", term: "Teachers dispatched",
              short: "Teachers of a group sent to a school (y_{g,s}).",
              formula: "Σ_s y_{g,s} ≤ c_g;  Σ_g y_{g,s} + u_{s,j} = h_{s,j};  dist(g, s) ≤ max_distance_g",
              text: "A group may go to schools short in its subject, within its maximum distance (haversine, R = 6371 km, or the region table) and at the levels it may teach. Dispatch is integer unless the scenario says otherwise."),
        Entry(id: "str", term: "Student–teacher ratio",
              short: "Pupils per teacher, all subjects together.",
              formula: "STR_s = n_s / Σ_j teachers_{s,j};  after dispatch: teachers = e + dispatched",
              text: "For a group of schools the ratio shown is Σ pupils / Σ teachers. Lower is better staffed."),
        Entry(id: "staffing", term: "Meeting the staffing standard",
              short: "Schools whose pupils per teacher do not exceed the standard of their level.",
              formula: "meets ⇔ n_s / Σ_j teachers_{s,j} ≤ STR_level(s)",
              text: "Schools with no pupils are left out; a school with pupils and no teachers does not meet it. Reported before and after dispatch."),
        Entry(id: "teacher-r2", term: "Consistency of teacher allocation (R²)",
              short: "How much of the variation in teachers across schools enrolment explains.",
              formula: "R² of teachers_s = a + b · n_s over schools with pupils = cov(n, t)² / (var(n) var(t))",
              text: "Closer to 1 is better: schools of the same size have the same staff. Before and after dispatch."),
        Entry(id: "frontier", term: "Budget frontier",
              short: "Benefit and equity as money changes, from `eduplan sweep`.",
              formula: "for each step: solve the scenario with the fund amount(s) set; record U and Gini",
              text: "The slope of the benefit curve is the fund's shadow price; where it flattens, more money buys little. Read from the sweep CSV given with --sweep."),
    ]
}
