/// The message catalogue: every label, heading, sentence and unit a command prints for people,
/// in every language, looked up by a dotted key (`plan.funds.heading`).
///
/// Each area of the output keeps its entries in a file of its own (`Catalogue+Plan.swift`, …);
/// this file only joins them. A key used in the code but missing here is a defect that a test finds
/// (it scans the sources); at run time a missing key prints as itself rather than failing.
public enum Catalogue {
    /// The areas, each a dictionary of its own; keys are unique across areas (a test checks).
    public static let areas: [(name: String, entries: [String: Message])] = [
        ("common", common), ("plan", plan), ("report", report), ("compare", compare),
        ("sweep", sweep), ("evaluate", evaluate), ("cli", cli), ("glossary", glossary), ("robust", robust),
        ("policy", policy), ("problems", problems), ("horizon", horizon), ("horizonReport", horizonReport), ("replan", replan), ("status", status),
    ]

    /// Every entry of every area.
    public static let entries: [String: Message] = {
        var all: [String: Message] = [:]
        for area in areas { all.merge(area.entries) { first, _ in first } }
        return all
    }()

    /// The entry for a key; a missing key gives itself in both languages.
    public static func message(_ key: String) -> Message {
        entries[key] ?? Message(en: key, zh: key)
    }
}
