import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// The property behind issue 12's rule "whatever `validate` accepts, `solve` must not reject as
/// bad input": a number of the scenario set to an edge of its range (or just past it, or to a
/// value that used to trap) is either refused by the loader with a located error, or the
/// planner solves the scenario without throwing (a trap would end the test process). Seeded, so
/// a failure is reproducible from its mutation number.
@Suite("Boundary values: the planner solves whatever the loader accepts")
struct BoundaryValueTests {
    static let files = ["scenario.yaml", "scenario.yaml", "scenario.yaml", "schools.csv", "teachers.csv", "projects.csv",
                        "regions.csv", "distances.csv"]

    /// EDUPLAN_BOUNDARY_MUTATIONS and EDUPLAN_MUTATION_SEED run a longer or different campaign.
    @Test("seeded boundary values: accepted ones solve without an error, refused ones are located")
    func acceptedBoundariesSolve() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["EDUPLAN_BOUNDARY_MUTATIONS"].flatMap(Int.init) ?? 120
        var rng = SplitMix64(seed: environment["EDUPLAN_MUTATION_SEED"].flatMap(UInt64.init) ?? 20_261_207)
        var solved = 0, refused = 0
        for n in 0..<count {
            let folder = try TemporaryFolder(copying: baseFixture)
            // Half the runs start from a feasible base (the fixture's central fund cannot spend its
            // 50% minimum: infeasible, so the other half exercises the elastic diagnosis).
            if rng.integer(0, 1) == 1 {
                try folder.write("scenario.yaml", try folder.read("scenario.yaml").replacingOccurrences(of: "min_spend: 0.5",
                                                                                                          with: "min_spend: 0.2"))
            }
            let file = Self.files[rng.integer(0, Self.files.count - 1)]
            var bytes = Array(try Data(contentsOf: folder.file(file)))
            MutationTests.mutate(&bytes, .boundaryNumber, &rng)
            try folder.writeBytes(file, bytes)
            let what = "mutation \(n) of \(file): \(String(decoding: bytes, as: UTF8.self).prefix(2000))"
            switch try load(folder.url) {
            case let .failed(errors):
                refused += 1
                for problem in errors.errors {
                    #expect(problem.line.map { $0 >= 1 } ?? false, "\(what)\n\(problem)")
                }
            case let .loaded(loaded):
                solved += 1
                let scenario = loaded.scenario
                let variant = rng.integer(0, scenario.variants.count)
                let chosen = variant == scenario.variants.count ? scenario : scenario.applying(scenario.variants[variant])
                var options = PlannerOptions()
                options.priceOfFairness = false
                do {
                    let result = try Planner.solve(chosen, options: options)
                    if let objective = result.objective { #expect(objective.isFinite, "\(what)") }
                    if result.status == .failed {
                        // Only a solver limit may leave no plan: the scenario asked for a tiny time limit.
                        #expect((chosen.solver.timeLimitSeconds ?? .infinity) < 1, "\(what)\n\(result.statusDetail)")
                    }
                } catch {
                    Issue.record("\(what)\nsolve threw: \(error)")
                }
            }
        }
        // Both outcomes must be exercised, or the property says nothing.
        #expect(solved > count / 4 && refused > count / 4, "\(solved) solved, \(refused) refused")
    }
}
