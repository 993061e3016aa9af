import Foundation

/// One input format the fuzzer feeds, named as `tools/fuzz/run` and the regression folders name it.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The bytes are `scenario.yaml`, beside the fixed tables of the base scenario.
    case scenarioYAML = "scenario-yaml"
    /// The bytes are the scenario's tables, split on ``FuzzTarget/separator`` in the order of
    /// ``FuzzTarget/tableFiles``, beside the base scenario's `scenario.yaml`; a missing part keeps the base file.
    case scenarioTables = "scenario-tables"
    /// The bytes are a `plan.json`: read for re-planning (`solve --previous`) and for `evaluate`.
    case planJSON = "plan-json"
    /// The bytes are one actuals CSV, evaluated against a fixed plan.
    case actualsCSV = "actuals-csv"
    /// The bytes are an identification YAML and a students CSV, split on ``FuzzTarget/separator``.
    case identification = "identification"

    /// The line that splits a multi-file input into its files (the dictionaries list it, so mutations insert it).
    public static let separator = Array("\n%%%\n".utf8)

    /// The files of ``scenarioTables``, in the order their parts come in an input.
    public static let tableFiles = ["schools.csv", "teachers.csv", "regions.csv", "projects.csv", "distances.csv"]

    /// The files of ``identification``, in the order their parts come in an input.
    public static let identificationFiles = ["identify.yaml", "students.csv"]

    /// Splits `bytes` on ``separator`` into at most `count` parts (the last part keeps any further separators).
    public static func split(_ bytes: [UInt8], into count: Int) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var start = 0
        var i = 0
        let separator = Self.separator
        while i + separator.count <= bytes.count, parts.count < count - 1 {
            if bytes[i..<(i + separator.count)].elementsEqual(separator) {
                parts.append(Array(bytes[start..<i]))
                i += separator.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(Array(bytes[start...]))
        return parts
    }

    /// Joins files into one multi-file input (the inverse of ``split(_:into:)``), for seeds.
    public static func join(_ files: [[UInt8]]) -> [UInt8] {
        Array(files.joined(separator: separator))
    }
}
