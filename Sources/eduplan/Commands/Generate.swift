import ArgumentParser
// Placeholder: the scenario work replaces this file.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write a deterministic synthetic province.")
    func run() throws {}
}
