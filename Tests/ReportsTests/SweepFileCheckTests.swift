import EduplanPlanner
@testable import EduplanReports
import EduplanScenario
import Foundation
import Testing

/// `report --sweep`: a sweep CSV is checked column by column with locations, and the chart axes
/// cannot trap whatever bounds they get.
@Suite struct SweepFileCheckTests {
    /// The header `eduplan sweep` writes for two funds, and a valid row under it.
    static let header = SweepTable.header(funds: ["central", "donations"]).joined(separator: ",")
    static let row = "0,0.5,1000,250,1250,optimal,10,200,30,0.4,0.1,,0.3,0.2,2,0,-2.5,0,true,"

    @Test func aSweepsOwnFilePasses() {
        let frontier = SweepFrontier.parse("# comment\n\(Self.header)\n\(Self.row)\n\n", source: "f.csv")
        #expect(frontier.problems.isEmpty)
        #expect(frontier.points == [SweepFrontier.Point(money: 1250, benefit: 200, gini: 0.3, status: "optimal")])
    }

    /// Every cell out of its column's range is named by line (comments and blank lines counted)
    /// and column, all at once; a row with another number of fields is named too.
    @Test func cellsOutOfRangeAreNamed() {
        var cells = Self.row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let names = SweepTable.header(funds: ["central", "donations"])
        func set(_ name: String, _ value: String) { cells[names.firstIndex(of: name)!] = value }
        set("step", "2.5")
        set("multiplier", "nan")
        set("amount_central", "2e13")
        set("status", "fine")
        set("coverage", "-0.1")
        set("gini", "1.5")
        set("degenerate_basis", "maybe")
        let text = "# comment\n\(Self.header)\n\(cells.joined(separator: ","))\n\n1,2,3\n"
        let frontier = SweepFrontier.parse(text, source: "f.csv", file: "in/f.csv")
        let located = frontier.problems.map { "\($0.line ?? 0):\($0.column ?? 0):\($0.field ?? "")" }
        func column(_ name: String) -> Int { names.firstIndex(of: name)! + 1 }
        #expect(located == ["3:\(column("step")):step", "3:\(column("multiplier")):multiplier", "3:\(column("amount_central")):amount_central",
                            "3:\(column("status")):status", "3:\(column("coverage")):coverage", "3:\(column("gini")):gini",
                            "3:\(column("degenerate_basis")):degenerate_basis", "5:4:"])
        #expect(frontier.problems.allSatisfy { $0.file == "in/f.csv" })
        #expect(frontier.problems[5].description == "in/f.csv:3:\(column("gini")) (gini): expected a number from 0 to 1 or an empty cell, found \"1.5\"")
        #expect(frontier.points.isEmpty)
    }

    @Test func headerWithoutMoneyOrBenefitOrWithARepeatedColumn() {
        let missing = SweepFrontier.parse("step,fund,unmet\n0,1000,5\n", source: "odd.csv")
        #expect(missing.problems.map { $0.line ?? 0 } == [1])
        #expect(missing.problems[0].description.contains("with the columns money (one of total_money, money, amount, total_amount, budget) and benefit"))
        let noMoney = SweepFrontier.parse("money,benefit\n,2\n", source: "n.csv")
        #expect(noMoney.problems.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["2:1"])
        let twice = SweepFrontier.parse("money,benefit,gini,gini\n1,2,0.1,0.2\n", source: "t.csv")
        #expect(twice.problems.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["1:4"])
    }

    /// Valid files that cannot be drawn are not errors: the page says why.
    @Test func validButEmptyIsExplained() {
        let empty = SweepFrontier.parse("money,benefit\n", source: "e.csv")
        #expect(empty.problems.isEmpty && empty.problem?.contains("no rows") == true)
        let infeasible = SweepFrontier.parse("money,benefit,status\n100,,infeasible\n200,NA,infeasible\n300,NaN,failed\n", source: "i.csv")
        #expect(infeasible.problems.isEmpty && infeasible.problem?.contains("no step with a benefit") == true)
    }

    /// A Gini column of 1.5 everywhere gave the Gini axis lower 1.49 > upper 1, log10 of a negative
    /// range, and Int(NaN) trapped. Any bounds now give finite, increasing ticks, and sane bounds
    /// (in either order) lie inside the axis.
    @Test func axisIsTotal() {
        let sane: [(Double, Double)] = [(1.49, 1), (0, 0), (5, 5), (-3, -3), (1e-320, 1e-320), (0.42, 0.69), (1250, 2500)]
        let garbage: [(Double, Double)] = [(.nan, 1), (-.infinity, .infinity), (-1e308, 1e308), (1e30, 1e30 * (1 + 1e-15))]
        for (lower, upper) in sane + garbage {
            let axis = SVGAxis.nice(label: "x", lower: lower, upper: upper) { "\($0)" }
            #expect(axis.lower < axis.upper && axis.ticks.count >= 2 && axis.ticks.count <= 1001, "\(lower)…\(upper)")
            #expect(axis.ticks.allSatisfy(\.isFinite) && axis.ticks == axis.ticks.sorted(), "\(lower)…\(upper)")
        }
        for (lower, upper) in sane {
            let axis = SVGAxis.nice(label: "x", lower: lower, upper: upper) { "\($0)" }
            #expect(axis.lower <= min(lower, upper) && max(lower, upper) <= axis.upper, "\(lower)…\(upper) outside \(axis.lower)…\(axis.upper)")
        }
    }
}
