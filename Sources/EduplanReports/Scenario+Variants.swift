import EduplanScenario
import Foundation

extension Scenario {
    /// The variants named, in the order given (a name given twice is solved twice).
    /// - Throws: ``ScenarioErrors`` with one problem, at scenario.yaml, per name the scenario lacks.
    public func variants(named names: [String]) throws -> [Variant] {
        var chosen: [Variant] = [], problems: [ScenarioProblem] = []
        for name in names {
            if let found = variant(named: name) { chosen.append(found) } else { problems.append(unknownVariant(name)) }
        }
        guard problems.isEmpty else { throw ScenarioErrors(problems: problems) }
        return chosen
    }

    /// This scenario with the variant named `name` applied (the scenario itself when nil).
    /// - Throws: ``ScenarioErrors`` when the scenario has no such variant.
    public func applyingVariant(named name: String?) throws -> Scenario {
        guard let name else { return self }
        return applying(try variants(named: [name])[0])
    }

    /// `scenario.yaml: expected a variant name ("a", "b"), found "x"`.
    private func unknownVariant(_ name: String) -> ScenarioProblem {
        let known = variants.map { "\"\($0.name)\"" }.joined(separator: ", ")
        return ScenarioProblem(file: "scenario.yaml", expected: "a variant name (\(known.isEmpty ? "the scenario has none" : known))",
                               found: "\"\(name)\"")
    }
}
