import Foundation
import Testing

/// Robust plans from the command line (issue 19): exit statuses, the frontier, compare's rows.
/// Numbers are the two-school fixture's (Tests/Fixtures/planner/robust_gamma_integer/README.md).
@Suite("Robust plans: CLI")
struct RobustCLITests {
    static let twoSchools = "Tests/Fixtures/planner/robust_gamma_integer"

    /// γ 1 does not fit: exit 2 with the diagnosis (100 in money); γ 0.5: exit 0 with POR 0.2.
    @Test func exitStatuses() throws {
        let infeasible = try eduplan(["solve", "Tests/Fixtures/planner/infeasible_robust_reserve", "--format", "json", "--quiet"])
        #expect(infeasible.status == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(infeasible.stdout.utf8)) as? [String: Any])
        let total = try #require((json["diagnosis_summary"] as? [String: Any])?["total"] as? Double)
        #expect(abs(total - 100) < 1e-6)
        let solved = try eduplan(["solve", Self.twoSchools, "--format", "json", "--quiet"])
        #expect(solved.status == 0)
        let robust = try #require((try JSONSerialization.jsonObject(with: Data(solved.stdout.utf8)) as? [String: Any])?["robust"] as? [String: Any])
        #expect(robust["price_of_robustness"] as? Double == 0.2 && robust["reserve_total"] as? Double == 400)
    }

    /// A robust scenario is not decomposed: --schools-per-part is bad input (exit 1), nothing written.
    @Test func notInParts() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-robust-parts-\(UUID().uuidString)").path
        let run = try eduplan(["solve", Self.twoSchools, "--schools-per-part", "1", "--out", out])
        #expect(run.status == 1 && run.stderr.contains("a robust scenario (robust:) is planned in one piece"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// `sweep --robust-gamma 0..1 --steps 5`: γ, reserve and POR per step in the CSV; the last step is
    /// infeasible with its diagnosis money; bad ranges exit 1.
    @Test func frontierCSV() throws {
        let run = try eduplan(["sweep", Self.twoSchools, "--robust-gamma", "0..1", "--steps", "5", "--format", "csv", "--quiet"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix(",diagnosis_money,gamma,reserve_total,price_of_robustness,protection") == true)
        let cells = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(cells.map { $0[$0.count - 4] } == ["0", "0.25", "0.5", "0.75", "1"])
        #expect(cells.map { $0[$0.count - 3] } == ["0", "200", "400", "500", ""])
        #expect(cells.map { $0[$0.count - 2] } == ["0", "0.1", "0.2", "0.25", ""])
        #expect(cells[4][4] == "infeasible" && cells[4][cells[4].count - 5] == "100")
        #expect(try eduplan(["sweep", Self.twoSchools, "--robust-gamma", "0..2", "--steps", "3"]).status == 1)
        #expect(try eduplan(["sweep", Self.twoSchools, "--robust-gamma", "0..1", "--fund", "central", "--steps", "3"]).status == 1)
    }

    /// `compare`: robust rows for the base (γ 0.5) and its variants (γ 0.75, nominal).
    @Test func compareRows() throws {
        let run = try eduplan(["compare", Self.twoSchools, "--format", "csv", "--quiet"])
        #expect(run.status == 0)
        let rows = Dictionary(run.stdout.split(separator: "\n").map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (cells[0], Array(cells.dropFirst()))
        }, uniquingKeysWith: { a, _ in a })
        #expect(rows["price_of_robustness"].map { [$0[0], $0[1], $0[3]] } == ["0.2", "0.25", "0"])
        #expect(rows["reserve_total"]?.first == "400")
    }
}
