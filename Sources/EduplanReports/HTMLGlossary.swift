import EduplanIO
import EduplanPlanner
import Foundation

/// The definitions behind every number of the HTML report (docs/model.md, docs/metrics.md).
///
/// Each entry is a `<details id="g-…">` in the page's last section; numbers and column headings link
/// to it (`HTMLGlossary.link`), so every definition is one click away.
enum HTMLGlossary {
    /// An entry: its id (`g-ID` in the page) and formula; its term, one-line definition and
    /// reading come from the catalogue (`glossary.ID.term`, `.short`, `.text`) in the page's language.
    struct Entry {
        var id: String
        var formula: String?

        init(id: String, formula: String?) {
            self.id = id
            self.formula = formula
        }

        func term(_ language: Language) -> String { Catalogue.message("glossary.\(id).term").text(language) }
        func short(_ language: Language) -> String { Catalogue.message("glossary.\(id).short").text(language) }
        func text(_ language: Language) -> String { Catalogue.message("glossary.\(id).text").text(language) }
    }

    /// A link to the definition of `id` around `label` (already HTML).
    static func link(_ id: String, _ label: String, _ language: Language) -> String {
        guard let entry = entries.first(where: { $0.id == id }) else { return label }
        return "<a class=\"def\" href=\"#g-\(id)\" title=\"\(HTMLText.escape(entry.term(language) + ": " + entry.short(language)))\">\(label)</a>"
    }

    /// The glossary section's body.
    static func html(_ language: Language) -> String {
        var out = ""
        for e in entries {
            out += "<details class=\"entry\" id=\"g-\(e.id)\"><summary>\(HTMLText.escape(e.term(language)))</summary>\n"
            out += "<p>\(HTMLText.escape(e.short(language)))</p>\n"
            if let f = e.formula { out += "<div class=\"formula\" lang=\"en\">\(HTMLText.escape(f))</div>\n" }
            out += "<p class=\"small\">\(HTMLText.escape(e.text(language)))</p></details>\n"
        }
        return out
    }

    static let entries: [Entry] = [
        Entry(id: "status", formula: nil),
        Entry(id: "benefit", formula: "U = Σ_s Σ_k π_s ω_k x_{s,k} + Σ_s Σ_j π_s ω_dispatch V (h_{s,j} − u_{s,j})"),
        Entry(id: "objective", formula: "min Σ π_s ω_k (N_{s,k} − x_{s,k}) + Σ π_s ω_dispatch V u_{s,j} + λ Σ dist·y + Σ ρ·slack"),
        Entry(id: "priority", formula: "π_s = base + β_poor·poor/n + β_left_behind·left_behind/n + β_disabled·disabled/n + β_rural·rural_s + β_pc·{national 1, provincial 0.5, none 0}"),
        Entry(id: "need", formula: "per-student categories: rate_{k,level(s)} × count_s;  project categories: Σ cost of the school's projects in k"),
        Entry(id: "allocated", formula: "X_s = Σ_{k ≠ dispatch} x_{s,k};  dispatch money = Σ annual_cost × teachers dispatched"),
        Entry(id: "share-of-need", formula: "coverage(group) = Σ_{s ∈ group} X_s / Σ_{s ∈ group} N^all_s,   N^all_s = Σ_{k ≠ dispatch} N_{s,k}"),
        Entry(id: "maxmin", formula: "phase 1: max t subject to C_s / N_s ≥ t for every school with N_s > 0"),
        Entry(id: "per-pupil", formula: "v_s = X_s / n_s"),
        Entry(id: "pof", formula: "POF = (U_util − U_fair) / U_util"),
        Entry(id: "fund-shadow", formula: "benefit per unit = −d(objective)/d(B_f)"),
        Entry(id: "rule-shadow", formula: "d(objective)/d(parameter): α, share, γ, t; for F5 and F6 the bound max"),
        Entry(id: "fairness", formula: FairnessRegistry.types.enumerated().map { "F\($0.offset + 1) \($0.element.key): \($0.element.glossaryFormula)" }
                .joined(separator: "\n")),
        Entry(id: "diagnosis", formula: "min Σ (slack × money per unit) over mandatory rows, hard F1, F3–F7 and minimum spends"),
        Entry(id: "lorenz", formula: "schools sorted by v_s (ties by id); point i = (Σ_{j ≤ i} n_j / W, Σ_{j ≤ i} X_j / X)"),
        Entry(id: "gini", formula: "G = Σ_i Σ_j n_i n_j |v_i − v_j| / (2 W² μ),   W = Σ n_s,  μ = Σ n_s v_s / W"),
        Entry(id: "theil", formula: "T = Σ_s (n_s/W)(v_s/μ) ln(v_s/μ);  between = Σ_g (W_g/W)(μ_g/μ) ln(μ_g/μ);  within = Σ_g (W_g μ_g/(W μ)) T_g"),
        Entry(id: "mcloone", formula: "McLoone = Σ_{v_s ≤ M} n_s v_s / (M · Σ_{v_s ≤ M} n_s),  M = pupil-weighted median"),
        Entry(id: "verstegen", formula: "Verstegen = Σ_{v_s ≥ M} n_s v_s / (M · Σ_{v_s ≥ M} n_s)"),
        Entry(id: "cv", formula: "CV = σ / μ,  σ = √(Σ n_s (v_s − μ)² / W)"),
        Entry(id: "federal-range", formula: "(P_0.95 − P_0.05) / P_0.05,  P_p = lower pupil-weighted percentile"),
        Entry(id: "atkinson", formula: "A(1) = 1 − exp(Σ_s (n_s/W) ln v_s) / μ"),
        Entry(id: "hoover", formula: "Hoover = ½ Σ_s | X_s / X − p_s |,  p_s = N^all_s / Σ N^all"),
        Entry(id: "fiscal-neutrality", formula: "pupil-weighted correlation of v_s with the region's income per capita"),
        Entry(id: "shortage", formula: "q_{s,j} = required_j if given, else ⌈σ_j n_s / STR_level − 10⁻⁹⌉;  h_{s,j} = max(0, q_{s,j} − e_{s,j})"),
        Entry(id: "dispatch", formula: "Σ_s y_{g,s} ≤ c_g;  Σ_g y_{g,s} + u_{s,j} = h_{s,j};  dist(g, s) ≤ max_distance_g"),
        Entry(id: "str", formula: "STR_s = n_s / Σ_j teachers_{s,j};  after dispatch: teachers = e + dispatched"),
        Entry(id: "staffing", formula: "meets ⇔ n_s / Σ_j teachers_{s,j} ≤ STR_level(s)"),
        Entry(id: "teacher-r2", formula: "R² of teachers_s = a + b · n_s over schools with pupils = cov(n, t)² / (var(n) var(t))"),
        Entry(id: "frontier", formula: "for each step: solve the scenario with the fund amount(s) set; record U and Gini"),
    ]
}
