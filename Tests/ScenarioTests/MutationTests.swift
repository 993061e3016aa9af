import EduplanScenario
import Foundation
import Testing

/// Random damage to a valid scenario never crashes the loader: every outcome is either a scenario or
/// a list of errors that each name a file (and a line ≥ 1 when they have one). Seeded, so a failure
/// is reproducible from its mutation number.
@Suite("Random mutations")
struct MutationTests {
    static let files = ["scenario.yaml", "regions.csv", "schools.csv", "teachers.csv", "projects.csv", "distances.csv"]
    static let garbage = ["", "abc", "-5", "NaN", "nan", ".inf", "1e999", "0x10", "1,000", "½", "12.5", "\"", "\"\"", "yes",
                          "9999999999999999999999", "-0", " 7 ", "1e", "e1", "+", ".", "..", "{", "[", "]", ":", "- ", "#", "&a", "*a",
                          "!!binary", "%YAML", "\t", "\u{0}", "\u{FEFF}", "r1", "s1", "dispatch", "national"]

    /// The edges of every documented range (docs/format.md, "Accepted ranges"), values just past
    /// them, the tiny-value threshold on both sides, and values that used to trap or overflow.
    static let boundaries = ["0", "-0", "1e-6", "-1e-6", "9.99e-7", "1e-7", "1", "0.999999", "0.9999995", "1.000001", "0.01",
                             "0.0099", "1e3", "1000.1", "1e4", "10001", "40100", "40100.5", "1e6", "1000001", "-1e6", "-1000001",
                             "1e7", "10000001", "1e9", "1.1e9", "1e13", "1.0000001e13", "1e-320", "1e308", "9223372036854775808",
                             "2147483647", "4.5e9", "9999", "10000"]

    enum Mutation: CaseIterable {
        case deleteCell, garbageCell, swapColumns, truncate, duplicateLine, randomBytes, deleteLine, garbageToken, swapLines
        /// One number of the file replaced by a boundary value.
        case boundaryNumber
    }

    /// EDUPLAN_MUTATIONS and EDUPLAN_MUTATION_SEED run a longer or different campaign.
    @Test("200 seeded mutations: no crash, every problem located")
    func randomMutations() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["EDUPLAN_MUTATIONS"].flatMap(Int.init) ?? 200
        var rng = SplitMix64(seed: environment["EDUPLAN_MUTATION_SEED"].flatMap(UInt64.init) ?? 20_240_601)
        var loaded = 0, failed = 0
        for n in 0..<count {
            let folder = try TemporaryFolder(copying: baseFixture)
            let file = Self.files[rng.integer(0, Self.files.count - 1)]
            let mutation = Mutation.allCases[rng.integer(0, Mutation.allCases.count - 1)]
            var bytes = Array(try Data(contentsOf: folder.file(file)))
            Self.mutate(&bytes, mutation, &rng)
            try folder.writeBytes(file, bytes)
            let before = try folder.snapshot()
            let outcome = try load(folder.url)
            #expect(try folder.snapshot() == before, "mutation \(n) (\(mutation) of \(file)): the loader wrote")
            switch outcome {
            case .loaded: loaded += 1
            case let .failed(errors):
                failed += 1
                #expect(!errors.errors.isEmpty, "mutation \(n): failure without an error")
                for problem in errors.problems {
                    #expect(!problem.file.isEmpty, "mutation \(n): a problem without a file: \(problem)")
                    #expect(problem.line.map { $0 >= 1 } ?? true, "mutation \(n): \(problem)")
                    #expect(problem.column.map { $0 >= 1 } ?? true, "mutation \(n): \(problem)")
                    #expect(!problem.expected.isEmpty && !problem.found.isEmpty, "mutation \(n): \(problem)")
                }
            }
        }
        // The mutations are not all harmless: most of them must be caught.
        #expect(failed > count / 2, "only \(failed) of \(count) mutations were reported (\(loaded) loaded)")
    }

    private static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 10, omittingEmptySubsequences: false)
    }

    private static func joined(_ lines: [ArraySlice<UInt8>]) -> [UInt8] {
        Array(lines.joined(separator: [10]))
    }

    /// Applies one seeded mutation to a file's bytes.
    static func mutate(_ bytes: inout [UInt8], _ mutation: Mutation, _ rng: inout SplitMix64) {
        var rows = lines(bytes)
        let row = rng.integer(0, max(0, rows.count - 1))
        switch mutation {
        case .deleteCell, .garbageCell:
            var cells = rows[row].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)
            let c = rng.integer(0, max(0, cells.count - 1))
            if mutation == .deleteCell {
                if cells.count > 1 { cells.remove(at: c) }
            } else if !cells.isEmpty {
                cells[c] = Array(Self.garbage[rng.integer(0, Self.garbage.count - 1)].utf8)
            }
            rows[row] = ArraySlice(Array(cells.joined(separator: [UInt8(ascii: ",")])))
            bytes = joined(rows)
        case .swapColumns:
            var header = rows[0].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)
            if header.count > 1 {
                let a = rng.integer(0, header.count - 1), b = rng.integer(0, header.count - 1)
                header.swapAt(a, b)
            }
            rows[0] = ArraySlice(Array(header.joined(separator: [UInt8(ascii: ",")])))
            bytes = joined(rows)
        case .truncate:
            bytes = Array(bytes.prefix(rng.integer(0, bytes.count)))
        case .duplicateLine:
            rows.insert(rows[row], at: rng.integer(0, rows.count))
            bytes = joined(rows)
        case .deleteLine:
            rows.remove(at: row)
            bytes = joined(rows)
        case .swapLines:
            let other = rng.integer(0, rows.count - 1)
            rows.swapAt(row, other)
            bytes = joined(rows)
        case .randomBytes:
            for _ in 0..<rng.integer(1, 8) {
                let at = rng.integer(0, bytes.count)
                bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
            }
        case .garbageToken:
            let token = Array(Self.garbage[rng.integer(0, Self.garbage.count - 1)].utf8)
            let at = rng.integer(0, bytes.count)
            let length = rng.integer(0, min(6, bytes.count - at))
            bytes.replaceSubrange(at..<(at + length), with: token)
        case .boundaryNumber:
            let numbers = numberRanges(bytes)
            guard !numbers.isEmpty else { return }
            let value = Array(Self.boundaries[rng.integer(0, Self.boundaries.count - 1)].utf8)
            bytes.replaceSubrange(numbers[rng.integer(0, numbers.count - 1)], with: value)
        }
    }

    /// Where the numbers of a file are: maximal runs of digits, `.`, `e`, `E`, `+`, `-` holding a
    /// digit and standing alone (not inside an id such as `r1` or `s12`).
    static func numberRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        func isNumberByte(_ b: UInt8) -> Bool {
            (b >= 48 && b <= 57) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
        }
        func isWordByte(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_") || b >= 128 }
        var ranges: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            guard isNumberByte(bytes[i]), i == 0 || !isWordByte(bytes[i - 1]) else { i += 1; continue }
            var j = i
            while j < bytes.count, isNumberByte(bytes[j]) { j += 1 }
            let standsAlone = j == bytes.count || !isWordByte(bytes[j])
            if standsAlone, bytes[i..<j].contains(where: { $0 >= 48 && $0 <= 57 }) { ranges.append(i..<j) }
            i = j
        }
        return ranges
    }
}
