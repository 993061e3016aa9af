import EduplanIO
import EduplanPlanner
@testable import EduplanReports
import EduplanScenario
import Foundation
import Testing

/// plan.json is written by `JSONStreamEncoder` straight from the `PlanFile`, without a tree: its
/// bytes must be `JSONEncoder`'s (sorted keys, pretty, slashes as they are), the reference that
/// does not share a line with it, and the tree's that `compare`, `sweep` and multi-year plans
/// still render.
@Suite("JSON stream encoder")
struct JSONStreamEncoderTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let root = tests.deletingLastPathComponent()

    static func encoderBytes<T: Encodable>(_ value: T, pretty: Bool = true) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// A JSON value written through every kind of container a `Codable` type may use: objects
    /// with their keys given in reverse order (the encoder must sort them), arrays, single values,
    /// and every other array of an object through `nestedUnkeyedContainer`, filled only after the
    /// object's other fields (written aside, put in place at the end).
    struct ThroughContainers: Encodable {
        let value: JSONValue

        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            switch value {
            case let .object(fields):
                var container = encoder.container(keyedBy: Key.self)
                var later: [(any UnkeyedEncodingContainer, [JSONValue])] = []
                for (i, key) in fields.keys.sorted(by: >).enumerated() {
                    if case let .array(items) = fields[key]!, i % 2 == 0 {
                        later.append((container.nestedUnkeyedContainer(forKey: Key(stringValue: key)), items))
                    } else {
                        try container.encode(ThroughContainers(value: fields[key]!), forKey: Key(stringValue: key))
                    }
                }
                for (nested, items) in later {
                    var nested = nested
                    for item in items { try nested.encode(ThroughContainers(value: item)) }
                }
            case let .array(items):
                var container = encoder.unkeyedContainer()
                for item in items { try container.encode(ThroughContainers(value: item)) }
            case .null:
                var container = encoder.singleValueContainer()
                try container.encodeNil()
            case let .bool(flag):
                var container = encoder.singleValueContainer()
                try container.encode(flag)
            case let .number(number):
                var container = encoder.singleValueContainer()
                if number.isFinite { try container.encode(number) } else { try container.encodeNil() }
            case let .string(text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            }
        }
    }

    @Test("random values through every kind of container, pretty and compact, are JSONEncoder's bytes")
    func randomValues() throws {
        var random = SplitMix64(seed: 2027)
        var checked = 0
        for _ in 0..<2000 {
            let value = JSONWriterTests.randomValue(&random, depth: 0)
            switch value {
            case .object, .array: break
            default: continue  // JSONEncoder refuses a bare leaf at the top
            }
            for pretty in [true, false] {
                let expected = try Self.encoderBytes(ThroughContainers(value: value), pretty: pretty)
                #expect(try JSONStreamEncoder.encode(ThroughContainers(value: value), pretty: pretty) == expected)
                #expect(try JSONStreamEncoder.encode(value, pretty: pretty) == expected)
            }
            checked += 1
        }
        #expect(checked > 500)
    }

    @Test("numbers written digit by digit are Double.description's text")
    func wholeNumbers() {
        var random = SplitMix64(seed: 7)
        var numbers: [Double] = [0, -0.0, 1, -1, 1e15 - 1, -(1e15 - 1), 1e15, 1e16, 123_456_789_012_345, 0.5, -2.5e-7]
        for _ in 0..<20_000 { numbers.append(Double(Int64(bitPattern: random.next()) % 1_000_000_000_000_000)) }
        for number in numbers {
            var writer = JSONStreamWriter()
            writer.appendNumber(number)
            let text = number.description
            #expect(String(decoding: writer.bytes, as: UTF8.self) == (text.hasSuffix(".0") ? String(text.dropLast(2)) : text))
        }
    }

    static func report(_ folder: URL) throws -> PlanReport {
        let scenario = try ScenarioLoader.load(from: folder).scenario
        return PlanReport(result: try Planner.solve(scenario), scenario: scenario)
    }

    /// One report's plan.json three ways: the stream encoder, JSONEncoder, the tree rendered.
    static func expectSameBytes(_ report: PlanReport, _ name: String) throws {
        let text = try report.jsonText()
        #expect(text == (try encoderBytes(report.planFile())) + [UInt8(ascii: "\n")], "\(name)")
        #expect(text == Array((try report.json().rendered() + "\n").utf8), "\(name)")
    }

    @Test("plan.json of every planner fixture and example, and of a 300-school province")
    func fixtures() throws {
        let fm = FileManager.default
        let planner = Self.tests.appendingPathComponent("Fixtures/planner")
        let examples = Self.root.appendingPathComponent("scenarios/examples")
        var folders: [URL] = []
        for parent in [planner, examples] {
            for name in try fm.contentsOfDirectory(atPath: parent.path).sorted()
            where fm.fileExists(atPath: parent.appendingPathComponent("\(name)/scenario.yaml").path) {
                folders.append(parent.appendingPathComponent(name))
            }
        }
        #expect(folders.count >= 40)
        for folder in folders { try Self.expectSameBytes(try Self.report(folder), folder.lastPathComponent) }
        let generated = ScenarioGenerator.generate(.init(schools: 300, regions: 20, seed: 4))
        let report = PlanReport(result: try Planner.solve(generated), scenario: generated)
        #expect(try report.jsonText().count > 100_000)
        try Self.expectSameBytes(report, "generated")
        // `solve --out --format json` asks for the text twice: it is written once.
        #expect(try Data(report.jsonText()) == report.files()[0].data)
        #expect(try report.rendered(.json) == String(decoding: report.jsonText(), as: UTF8.self))
        #expect(report.planJSONText.computations == 1)
    }

    @Test("a plan made in parts: its decomposition key among the plan's, as the tree had it")
    func decomposed() throws {
        let folder = Self.tests.appendingPathComponent("Fixtures/decomposition/mandatory_in_one_part")
        let scenario = try ScenarioLoader.load(from: folder).scenario
        var options = DecompositionOptions()
        options.schoolsPerPart = 1
        let decomposed = try Decomposition.solve(scenario, options: options)
        #expect(decomposed.parts.count == 2)
        let report = PlanReport(result: decomposed.result, scenario: scenario)
        guard case var .object(fields) = try report.json() else { Issue.record("not an object"); return }
        fields["decomposition"] = decomposed.json()
        let text = String(decoding: try report.jsonText(decomposed: decomposed), as: UTF8.self)
        #expect(text == (try JSONValue.object(fields).rendered()) + "\n")
        #expect(text.contains("\"decomposition\" : {"))
        #expect(try report.rendered(.json, decomposed: decomposed) == text)
    }
}
