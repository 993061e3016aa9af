import EduplanIO

/// How a status note names what the scenario names: funds, regions and rules. By id (as plan.json's
/// English `status_detail` does) unless an output gives its display names.
public struct StatusNoteNames: Sendable {
    public var fund: @Sendable (String) -> String
    public var region: @Sendable (String) -> String
    public var rule: @Sendable (String) -> String

    /// Names from an output's display names.
    public init(fund: @escaping @Sendable (String) -> String, region: @escaping @Sendable (String) -> String,
                rule: @escaping @Sendable (String) -> String) {
        self.fund = fund
        self.region = region
        self.rule = rule
    }

    /// Every id as written.
    public static let ids = StatusNoteNames(fund: { $0 }, region: { $0 }, rule: { $0 })
}

extension Array where Element == PlanStatusNote {
    /// The notes as one status text in the wording's language. English is plan.json's
    /// `status_detail`: each sentence carries its own opening separator, and a rule's note follows
    /// ". " when the text before it does not end a sentence.
    public func text(_ w: Wording, names: StatusNoteNames = .ids) -> String {
        var out = ""
        for note in self {
            if note.isRuleNote, w.language == .english { out += out.hasSuffix(".") || out.isEmpty ? " " : ". " }
            out += note.sentence(w, names: names)
        }
        return out
    }
}

extension PlanStatusNote {
    /// Whether the note is a fairness rule's (``FairnessRule/planNote(_:)``), joined as its own sentence.
    var isRuleNote: Bool {
        if case .holdHarmlessAmbiguous = self { return true }
        return false
    }

    /// The note in the wording's language (the catalogue's `plan.note.*`): gaps as percentages
    /// (a certified gap rounded up, so that "gap ≤ shown" holds), money in the wording's unit.
    public func sentence(_ w: Wording, names: StatusNoteNames = .ids) -> String {
        switch self {
        case .optimal: return w("plan.note.optimal")
        case let .withinGap(asked): return w("plan.note.withinGap", ["asked": Format.percent(significant: asked, up: false)])
        case let .stoppedEarly(stop): return w("plan.note.stoppedEarly", ["reason": stop.text(w)])
        case let .noFeasiblePlan(stop): return w("plan.note.noFeasiblePlan", ["reason": stop.text(w)])
        case let .phaseFoundNoPoint(phase, stop):
            return w("plan.note.phaseFoundNoPoint", ["phase": w.phase(phase), "reason": stop.text(w)])
        case let .unbounded(stop): return w("plan.note.unbounded", ["reason": stop.text(w)])
        case .infeasible: return w("plan.note.infeasible")
        case .infeasibleInEveryYear: return w("plan.note.infeasibleInEveryYear")
        case let .notBuiltOverYears(rules):
            return w("plan.note.notBuiltOverYears", ["rules": rules.map(names.rule).joined(separator: w("common.comma"))])
        case let .diagnosisFoundNoRelaxation(stop): return w("plan.note.diagnosisFoundNoRelaxation", ["reason": stop.text(w)])
        case .dispatchRoundedKept: return w("plan.note.dispatchRoundedKept")
        case .dispatchRoundedImproved: return w("plan.note.dispatchRoundedImproved")
        case let .closestToBase(note): return note.text(w)
        case let .notClosestToBase(stop, distance):
            return w("plan.note.notClosestToBase", ["reason": stop.text(w), "distance": Format.grouped(distance, decimals: 2)])
        case let .holdHarmlessAmbiguous(regions):
            return w("plan.note.holdHarmlessAmbiguous", ["rule": names.rule("hold_harmless"),
                                                         "regions": regions.map(names.region).joined(separator: w("common.comma"))])
        default: return horizonPartsOrTopUpSentence(w, names: names)
        }
    }

    /// The sentences of a multi-year plan certified by its years, of a plan in parts and of a top-up.
    private func horizonPartsOrTopUpSentence(_ w: Wording, names: StatusNoteNames) -> String {
        switch self {
        case let .certifiedByYears(gap, asked):
            return w("plan.note.certifiedByYears", ["gap": Format.percent(significant: gap, up: true),
                                                    "asked": Format.percent(significant: asked, up: false)])
        case .priceOfFairnessRange: return w("plan.note.priceOfFairnessRange")
        case .priceOfFairnessNotGiven: return w("plan.note.priceOfFairnessNotGiven")
        case let .partsOptimal(parts): return w("plan.note.partsOptimal", ["parts": "\(parts)"])
        case let .partsStopped(parts, worst):
            return w("plan.note.partsStopped", ["parts": "\(parts)", "status": w("common.status.\(worst.rawValue)")])
        case let .partsWithoutPlan(parts):
            let list = parts.map { w("plan.note.part", ["part": "\($0.part)", "notes": $0.notes.text(w, names: names)]) }
            return w("plan.note.partsWithoutPlan", ["list": list.joined(separator: w("plan.note.partSeparator"))])
        case let .plannedUndivided(reason, passes):
            let why = reason == .partsFoundNoPlan ? w("plan.note.undivided.partsFoundNoPlan") : w("plan.note.undivided.shortOfCountryRule")
            return w("plan.note.plannedUndivided", ["why": why, "passes": "\(passes)"])
        case .noVerdict: return w("plan.note.noVerdict")
        case .splitInfeasible: return w("plan.note.splitInfeasible")
        case let .topUpImpossible(funds):
            return w("plan.note.topUpImpossible", ["funds": funds.map(names.fund).joined(separator: w("common.comma"))])
        case let .topUpUndetermined(funds):
            return w("plan.note.topUpUndetermined", ["funds": funds.map(names.fund).joined(separator: w("common.comma"))])
        case .topUpNotNeeded: return w("plan.note.topUpNotNeeded")
        case let .topUpFound(added, total, currency):
            let funds = added.map { w("plan.note.topUpFund", ["fund": names.fund($0.fund), "money": w.moneyUp($0.amount, currency: currency)]) }
            return w("plan.note.topUpFound", ["added": funds.joined(separator: w("common.comma")),
                                              "total": w.moneyUp(total, currency: currency)])
        default: return ""  // the notes above: sentence(_:names:)
        }
    }
}

extension PlanStatusNote.ClosestToBaseNote {
    /// The sentence of a variant whose plan is the optimal plan closest to the base.
    func text(_ w: Wording) -> String {
        var stopped = stoppedAfterSeconds.map { w("plan.note.closest.timeLimit", ["seconds": Format.grouped($0, decimals: 0)]) } ?? ""
        if integersFixed { stopped += w("plan.note.closest.integersFixed") }
        return w("plan.note.closestToBase", ["stopped": stopped, "distance": Format.grouped(distance, decimals: 2),
                                            "first": Format.grouped(firstOptimumDistance, decimals: 2)])
    }
}

extension SolverStop {
    /// Why the solver stopped: its own words in English, the kind of stop in another language.
    func text(_ w: Wording) -> String {
        guard w.language != .english else { return message }
        switch reason {
        case .optimal: return w("plan.note.stop.optimal")
        case .infeasible: return w("plan.note.stop.infeasible")
        case .unbounded: return w("plan.note.stop.unbounded")
        case .infeasibleOrUnbounded: return w("plan.note.stop.infeasibleOrUnbounded")
        case .timeLimit: return w("plan.note.stop.timeLimit")
        case .gapLimit: return w("plan.note.stop.gapLimit")
        case .iterationLimit: return w("plan.note.stop.iterationLimit")
        case .interrupted: return w("plan.note.stop.interrupted")
        case .numericalError: return w("plan.note.stop.numericalError")
        case .otherError: return w("plan.note.stop.otherError")
        case .roundedDispatch: return w("plan.note.stop.roundedDispatch")
        case .topUpDispatch: return w("plan.note.stop.topUpDispatch")
        }
    }
}

extension Wording {
    /// Money rounded up to what the wording shows (whole yuan, the hundred yuan in 万元, the ten
    /// thousand yuan in 亿元), with its unit: a top-up of at least this much is enough.
    func moneyUp(_ value: Double, currency: String) -> String {
        let step: Double = switch money {
        case .yuan: 1
        case .wan: 100
        case .yi: 10_000
        }
        return self.money((value / step).rounded(.up) * step, currency: currency)
    }
}
