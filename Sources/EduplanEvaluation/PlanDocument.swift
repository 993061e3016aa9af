import EduplanIO
import EduplanPlanner
import Foundation

/// A plan as `eduplan solve --out` writes it (`plan.json`): the solve's identity and the plan itself.
public struct PlanDocument: Sendable {
    public var scenario: String
    public var variant: String?
    public var currency: String
    /// `optimal`, `feasible`, … (PRODUCT.md).
    public var status: String
    public var plan: Plan

    public init(scenario: String, variant: String? = nil, currency: String, status: String = "optimal", plan: Plan) {
        self.scenario = scenario
        self.variant = variant
        self.currency = currency
        self.status = status
        self.plan = plan
    }

    private struct File: Decodable {
        var scenario: String
        var variant: String?
        var currency: String?
        var status: String
        var plan: Plan?
    }

    /// Reads `plan.json`.
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
        return PlanDocument(scenario: decoded.scenario, variant: decoded.variant, currency: decoded.currency ?? "",
                            status: decoded.status, plan: plan)
    }
}
