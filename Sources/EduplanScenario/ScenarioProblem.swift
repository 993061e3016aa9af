// The scenario reads and reports with the IO base: every module that imports EduplanScenario
// sees its problems, readers, JSON value and number formats without a second import.
@_exported import EduplanIO

/// A problem of a scenario folder: the IO base's ``Problem``.
public typealias ScenarioProblem = Problem

/// A scenario that cannot be used: the IO base's ``InputErrors``, with every problem (errors and
/// warnings) in file order.
public typealias ScenarioErrors = InputErrors

/// A loaded scenario and the warnings met on the way.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    public var warnings: [ScenarioProblem]
    public init(scenario: Scenario, warnings: [ScenarioProblem]) {
        self.scenario = scenario
        self.warnings = warnings
    }
}
