import EduplanIO
import EduplanPlanner
import EduplanScenario
import Foundation

extension ComparisonReport {
    /// The file `compare --out` writes: every region × variant.
    public static let changesFile = "changes.csv"

    /// Every region that changed in some variant, one line each: its per-pupil allocation in the
    /// base and each variant's change (blank when unchanged, "—" without a plan); empty when no
    /// region changed. Regions in id order.
    func regionTable(markdown: Bool, wording w: Wording = .english) -> String {
        let variants = Array(comparison.variants)
        let changes = variants.map { comparison.allRegionChanges($0) }
        let regions = comparison.allRegionChanges(comparison.base)
        let changed = regions.indices.filter { r in changes.contains { $0.indices.contains(r) && $0[r].isChange } }
        guard !changed.isEmpty else { return "" }
        let currency = comparison.base.scenario.currency
        let title = w("compare.regionTable.heading", ["unit": w("plan.unit.perPupil", ["unit": w.currencyName(currency)])])
        var out = markdown ? "\n## \(title)\n\n" : "\n\(title)\n-------------------------------------------\n"
        let headers = [w("plan.regions.region"), w("compare.base")] + variants.map(\.name)
        let lines = changed.map { r -> [String] in
            [regions[r].name, Format.grouped(regions[r].basePerPupil, decimals: 2)] + changes.map { run in
                guard run.indices.contains(r) else { return "—" }
                let d = run[r].change
                return run[r].isChange ? (d > 0 ? "+" : "−") + Format.grouped(abs(d), decimals: 2) : ""
            }
        }
        out += Format.grid(lines, headers: headers, markdown: markdown)
        let unchanged = regions.count - changed.count
        out += w(unchanged == 0 ? "compare.regionTable.allChanged" : "compare.regionTable.someChanged",
                 ["changed": "\(changed.count)", "total": "\(regions.count)", "unchanged": "\(unchanged)"])
        return out
    }

    /// `changes.csv`: one line per region and variant (regions in id order within each variant,
    /// variants in file order): `variant,region,name,base_per_pupil,per_pupil,change`, raw numbers
    /// (shortest round-trip form); a variant without a plan has no lines.
    public func changesCSV() -> String {
        var lines = [["variant", "region", "name", "base_per_pupil", "per_pupil", "change"]]
        for run in comparison.variants {
            for change in comparison.allRegionChanges(run) {
                lines.append([run.name, change.region, change.name, SweepTable.number(change.basePerPupil),
                              SweepTable.number(change.perPupil), SweepTable.number(change.isChange ? change.change : 0)])
            }
        }
        return SweepTable.csv(lines)
    }
}
