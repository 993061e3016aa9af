import EduplanPlanner
@testable import EduplanReports
import EduplanScenario
import Foundation
import Testing

/// The hand-written JSON writer must produce exactly JSONEncoder's bytes.
@Suite("JSON writer")
struct JSONWriterTests {
    static func randomString(_ random: inout SplitMix64) -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", "0", "/", "\\", "\"", " ", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}",
                                      "\u{1F}", "\u{7F}", "é", "中", "国", "\u{2028}", "😀", ".", "_", "-"]
        var s = String.UnicodeScalarView()
        for _ in 0..<Int(random.next() % 12) { s.append(pool[Int(random.next() % UInt64(pool.count))]) }
        return String(s)
    }

    static func randomNumber(_ random: inout SplitMix64) -> Double {
        switch random.next() % 5 {
        case 0: return Double(Int64(bitPattern: random.next()) % 1_000_000)
        case 1: return Double(random.next() % 100_000) / 1000
        case 2:
            let bits = Double(bitPattern: random.next())
            return bits.isFinite ? bits : 0
        case 3: return [0, -0.0, 1e16, 1e15, 9007199254740993, 5e-324, 1e-7, 1e21, .infinity, .nan][Int(random.next() % 10)]
        default: return Double(random.next() % 1000) * pow(10, Double(Int(random.next() % 40) - 20))
        }
    }

    static func randomValue(_ random: inout SplitMix64, depth: Int) -> JSONValue {
        switch depth > 3 ? random.next() % 4 : random.next() % 6 {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .number(randomNumber(&random))
        case 3: return .string(randomString(&random))
        case 4: return .array((0..<Int(random.next() % 4)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var fields: [String: JSONValue] = [:]
            for _ in 0..<Int(random.next() % 5) { fields[randomString(&random)] = randomValue(&random, depth: depth + 1) }
            return .object(fields)
        }
    }

    @Test("random values, pretty and compact")
    func randomValues() throws {
        var random = SplitMix64(seed: 2026)
        for _ in 0..<2000 {
            let value = Self.randomValue(&random, depth: 0)
            #expect(try value.rendered() == value.renderedByEncoder())
            #expect(try value.rendered(pretty: false) == value.renderedByEncoder(pretty: false))
        }
    }

    @Test("a solved plan with its metrics")
    func plan() throws {
        let scenario = ScenarioGenerator.generate(.init(schools: 300, regions: 20, seed: 4))
        let result = try Planner.solve(scenario)
        let json = try PlanReport(result: result, scenario: scenario).json()
        let text = try json.rendered()
        #expect(text.count > 100_000)
        #expect(text == (try json.renderedByEncoder()))
    }
}
