import ArgumentParser
// Placeholder: the scenario work replaces this file.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check a scenario and list every problem.")
    @Argument var directory: String
    func run() throws {}
}
