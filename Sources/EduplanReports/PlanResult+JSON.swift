import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

extension PlanResult {
    /// The PRODUCT.md JSON object (stable keys), with `plan` unless `withPlan` is false.
    /// - Parameter fingerprint: the solved scenario's hashes, written as `scenario_fingerprint` and
    ///   `scenario_identity` (null without), which `solve --previous` and `evaluate` check.
    public func json(metrics: JSONValue, withPlan: Bool = true, fingerprint: ScenarioFingerprint? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "scenario": .string(scenario),
            "scenario_fingerprint": fingerprint.map { .string($0.inputs) } ?? .null,
            "scenario_identity": fingerprint.map { .string($0.identity) } ?? .null,
            "variant": variant.map { .string($0) } ?? .null,
            "currency": .string(currency),
            "status": .string(status.rawValue),
            "status_detail": .string(statusDetail),
            "objective": .number(objective),
            "objective_constant": .number(objectiveConstant),
            "benefit": .number(benefit),
            "benefit_without_fairness": .number(benefitWithoutFairness),
            "maxmin_coverage": .number(maxminCoverage),
            "price_of_fairness": .number(priceOfFairness),
            "relative_gap": .number(relativeGap),
            "degenerate_basis": .bool(degenerate),
            "soft_violations": .object(softViolations.mapValues { .number($0) }),
            "metrics": metrics,
        ]
        func prices(_ table: [String: ShadowPrice?]) -> JSONValue {
            .object(table.mapValues { $0.map { .number($0.value) } ?? .null })
        }
        func sentences(_ table: [String: ShadowPrice?]) -> JSONValue {
            .object(table.mapValues { $0.map { .string($0.sentence) } ?? .null })
        }
        object["shadow_prices"] = status == .optimal || status == .feasible
            ? .object(["funds": prices(fundShadowPrices), "rules": prices(ruleShadowPrices)]) : .null
        object["shadow_price_sentences"] = .object(["funds": sentences(fundShadowPrices), "rules": sentences(ruleShadowPrices)])
        object["totals"] = .object([
            "allocated": .object(allocatedByCategory.mapValues { .number($0) }),
            "dispatched": .number(dispatched),
            "shortage_left": .number(shortageLeft),
            "shortage_before": .number(shortageBefore),
        ])
        object["diagnosis"] = diagnosis.map { items in
            .array(items.map { item in
                .object([
                    "constraint": .string(item.constraint), "rule": .string(item.rule), "relax_by": .number(item.relaxBy),
                    "unit": .string(item.unit), "money": .number(item.money), "explanation": .string(item.explanation),
                ])
            })
        } ?? .null
        object["moves"] = moves.map { list in
            .array(list.map { m in
                .object(["kind": .string(m.kind), m.kind == "money" ? "school" : "group": .string(m.first),
                         m.kind == "money" ? "category" : "school": .string(m.second),
                         "before": .number(m.before), "after": .number(m.after)])
            })
        } ?? .null
        if withPlan { object["plan"] = plan.map(Self.planJSON) ?? .null }
        return .object(object)
    }

    static func planJSON(_ plan: Plan) -> JSONValue {
        .object([
            "schools": .array(plan.schools.map { s in
                .object([
                    "id": .string(s.id), "name": .string(s.name), "region": .string(s.region), "level": .string(s.level),
                    "pupils": .number(Double(s.pupils)), "priority": .number(s.priority),
                    "allocated": .object(s.allocated.mapValues { .number($0) }),
                    "need": .object(s.need.mapValues { .number($0) }),
                    "received": .number(s.received), "coverage": .number(s.coverage), "per_pupil": .number(s.perPupil),
                    "teachers_before": .number(Double(s.teachersBefore)),
                    "teachers_dispatched": .number(Double(s.teachersDispatched)),
                    "teachers_after": .number(Double(s.teachersAfter)),
                    "student_teacher_ratio_before": .number(s.studentTeacherRatioBefore),
                    "student_teacher_ratio_after": .number(s.studentTeacherRatioAfter),
                    "shortage_before": .number(Double(s.shortageBefore)),
                    "shortage_left": .number(Double(s.shortageLeft)),
                ])
            }),
            "funds": .array(plan.funds.map { f in
                .object([
                    "id": .string(f.id), "amount": .number(f.amount), "minimum_spend": .number(f.minimumSpend),
                    "spent": .number(f.spent),
                    "flows": .array(f.flows.map { .object(["category": .string($0.category), "region": .string($0.region),
                                                           "amount": .number($0.amount)]) }),
                ])
            }),
            "dispatch": .array(plan.dispatch.map { d in
                .object([
                    "group": .string(d.group), "subject": .string(d.subject), "school": .string(d.school),
                    "region": .string(d.region), "count": .number(d.count), "distance_km": .number(d.distanceKm),
                    "annual_cost": .number(d.annualCost),
                ])
            }),
        ])
    }
}
