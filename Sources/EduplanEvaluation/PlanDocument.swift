import EduplanIO
import EduplanPlanner
import EduplanScenario
import Foundation

/// A plan as `eduplan solve --out` writes it (`plan.json`): the solve's identity and the plan itself.
public struct PlanDocument: Sendable {
    public var scenario: String
    public var variant: String?
    public var currency: String
    /// `optimal`, `feasible`, … (PRODUCT.md).
    public var status: String
    public var plan: Plan
    /// `scenario_fingerprint` and `scenario_identity` of the scenario the plan was solved from (nil in
    /// plans written before they existed, and in documents built in code without them).
    public var fingerprint: String?
    public var identity: String?

    /// A plan document built in code; give `fingerprint` (``ScenarioFingerprint``) as `solve` records it.
    public init(scenario: String, variant: String? = nil, currency: String, status: String = "optimal", plan: Plan,
                fingerprint: ScenarioFingerprint? = nil) {
        self.scenario = scenario
        self.variant = variant
        self.currency = currency
        self.status = status
        self.plan = plan
        self.fingerprint = fingerprint?.inputs
        self.identity = fingerprint?.identity
    }

    /// What the plan records of its scenario.
    public var origin: PlanOrigin {
        PlanOrigin(scenario: scenario, variant: variant, fingerprint: fingerprint, identity: identity)
    }

    private struct File: Decodable {
        var scenario: String
        var variant: String?
        var currency: String?
        var status: String
        var plan: Plan?
        var scenarioFingerprint: String?
        var scenarioIdentity: String?

        enum CodingKeys: String, CodingKey {
            case scenario, variant, currency, status, plan
            case scenarioFingerprint = "scenario_fingerprint"
            case scenarioIdentity = "scenario_identity"
        }
    }

    /// Reads `plan.json`. Every number is checked first, all at once (``PlanFileCheck``: money in
    /// [0, 1e13], counts in [0, 10⁷], the rest finite and ≥ 0), then the keys a plan must have.
    /// - Parameter name: How the file is named in problems (default: its path as given).
    /// - Throws: ``EvaluationErrors`` naming the file and the JSON key path of what is wrong.
    public static func load(from url: URL, name: String? = nil) throws -> PlanDocument {
        let file = name ?? url.relativePath
        let data: Data
        do {
            data = try InputFile.read(url.path)
        } catch {
            throw EvaluationErrors(problems: [.init(file: file, expected: "a plan written by `eduplan solve --out` (plan.json)",
                                                    found: "no readable file (\(error))")])
        }
        let (root, problems) = PlanFileCheck.read(data, file: file)
        if root == nil || problems.contains(where: { $0.severity == .error }) { throw EvaluationErrors(problems: problems) }
        let decoded: File
        do {
            decoded = try JSONDecoder().decode(File.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            throw EvaluationErrors(problems: [.init(file: file, field: path, expected: "the key `\(key.stringValue)` of a plan", found: "none")])
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw EvaluationErrors(problems: [.init(file: file, field: path, expected: "a value of type \(type)", found: context.debugDescription)])
        } catch {
            throw EvaluationErrors(problems: [.init(file: file, expected: "JSON written by `eduplan solve --out` (plan.json)",
                                                    found: "text that is not such JSON (\(error.localizedDescription))")])
        }
        guard let plan = decoded.plan else {
            throw EvaluationErrors(problems: [.init(file: file, field: "plan", expected: "a plan (a solve with status optimal or feasible)",
                                                    found: "no plan (status \(decoded.status))")])
        }
        var document = PlanDocument(scenario: decoded.scenario, variant: decoded.variant, currency: decoded.currency ?? "",
                                    status: decoded.status, plan: plan)
        document.fingerprint = decoded.scenarioFingerprint
        document.identity = decoded.scenarioIdentity
        return document
    }

    /// The scenario this plan was solved from, given its folder's base `scenario`: the plan's variant
    /// applied (when the plan names one and `scenario` is the base), then checked against the plan's
    /// `scenario_fingerprint`, which must match exactly. A mismatch, an unknown variant or a plan
    /// without a fingerprint is an error, or a warning when `allowForeign` (then the scenario is used
    /// as it is).
    public func scenarioOfPlan(_ scenario: Scenario, file: String, allowForeign: Bool) -> (scenario: Scenario, problems: [ScenarioProblem]) {
        var chosen = scenario
        if let variant, scenario.variantName == nil {
            if let found = scenario.variant(named: variant) {
                chosen = scenario.applying(found)
            } else {
                let known = scenario.variants.map { "\"\($0.name)\"" }.joined(separator: ", ")
                return (scenario, [ScenarioProblem(allowForeign ? .warning : .error, file: file, field: "variant",
                                                   expected: "a variant of the scenario \"\(scenario.name)\" (\(known.isEmpty ? "it has none" : known))",
                                                   found: "\"\(variant)\"",
                                                   hint: allowForeign ? "used the base scenario (--allow-foreign-plan)"
                                                       : "pass the plan's own scenario folder, or --allow-foreign-plan")])
            }
        }
        let problem = origin.problem(with: chosen, fingerprint: ScenarioFingerprint(chosen), file: file, exact: true,
                                     allowed: allowForeign)
        return (chosen, problem.map { [$0] } ?? [])
    }
}
