@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// SHA-256 against FIPS 180-4's examples, and what a scenario's fingerprint and identity do and do
/// not depend on (docs/cli.md, "Plan fingerprints").
@Suite struct FingerprintTests {
    static func hex(_ bytes: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(bytes)
        return hash.hexDigest()
    }

    /// FIPS 180-4 (and its example document): "abc", the 448- and 896-bit messages, one million "a";
    /// plus the empty message.
    @Test func fipsVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(Self.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256.hex("平等 fairness") == "80fe423aa32edc28d97f92c3ea6cf4c8d4074897dc5c1bf9bb7b1e27165807be")
    }

    /// Lengths around the padding boundaries (55, 56, 63, 64, 65, 119, 120 bytes; values from
    /// Python's hashlib), fed whole and in every split into two updates: the digest depends only
    /// on the bytes.
    @Test func paddingBoundariesAndSplits() {
        let expected = [
            55: "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b",
            56: "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27",
            63: "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055",
            64: "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241",
            65: "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e",
            119: "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e",
            120: "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5",
        ]
        for (length, digest) in expected {
            let bytes = (0..<length).map { UInt8(($0 * 7 + 3) % 256) }
            #expect(Self.hex(bytes) == digest, "length \(length)")
            for split in 0...length {
                var hash = SHA256()
                hash.update(Array(bytes[..<split]))
                hash.update(Array(bytes[split...]))
                #expect(hash.hexDigest() == digest, "length \(length) split at \(split)")
            }
        }
    }

    static func base() throws -> Scenario { try ScenarioLoader.load(from: baseFixture).scenario }

    /// Two loads of the same folder give the same hashes; so does the same folder rewritten by
    /// ScenarioWriter (other bytes, same values): the fingerprint is of the values, not the files.
    @Test func sameScenarioSameFingerprint() throws {
        let a = ScenarioFingerprint(try Self.base()), b = ScenarioFingerprint(try Self.base())
        #expect(a == b)
        #expect(a.inputs.count == 64 && a.identity.count == 64 && a.inputs != a.identity)
        let folder = try TemporaryFolder()
        try ScenarioWriter.write(try Self.base(), to: folder.url)
        #expect(try folder.read("scenario.yaml") != (try String(contentsOf: baseFixture.appendingPathComponent("scenario.yaml"), encoding: .utf8)))
        #expect(ScenarioFingerprint(try ScenarioLoader.load(from: folder.url).scenario) == a)
    }

    /// Any number, id, name or rule changes the fingerprint; only names and region/school ids
    /// change the identity.
    @Test func whatChangesWhich() throws {
        let base = try Self.base()
        let reference = ScenarioFingerprint(base)
        func changed(_ change: (inout Scenario) -> Void) -> ScenarioFingerprint {
            var scenario = base
            change(&scenario)
            return ScenarioFingerprint(scenario)
        }
        let facts: [(String, ScenarioFingerprint)] = [
            ("a fund amount", changed { $0.funds[0].amount += 1 }),
            ("an enrollment", changed { $0.schools[0].enrollment += 1 }),
            ("a rule", changed { $0.fairness.remove(RuralParityRule.self) }),
            ("a category weight", changed { $0.categories[0].weight = 2.5 }),
            ("a teacher group id", changed { $0.teacherGroups[0].id += "x" }),
            ("the variant", changed { $0 = $0.applying($0.variants[0]) }),
            ("a no-op variant", changed { $0 = $0.applying(Variant(name: "same")) }),
        ]
        for (what, fingerprint) in facts {
            #expect(fingerprint.inputs != reference.inputs, "\(what) must change the fingerprint")
            #expect(fingerprint.identity == reference.identity, "\(what) must keep the identity")
        }
        let others: [(String, ScenarioFingerprint)] = [
            ("the name", changed { $0.name += " 2025" }),
            ("a school id", changed { $0.schools[0].id += "x" }),
            ("a region id", changed { $0.regions[0].id += "x" }),
        ]
        for (what, fingerprint) in others {
            #expect(fingerprint.inputs != reference.inputs && fingerprint.identity != reference.identity, "\(what)")
        }
        // The list of variants is not an input of the plan it did not make.
        #expect(changed { $0.variants.removeAll() } == reference)
        #expect(changed { $0.schools.reverse() }.identity == reference.identity)
    }

    /// A plan's recorded hashes against a scenario: same, facts changed, foreign, unrecorded; and the
    /// problem each gives, with both fingerprints' first 12 digits and the plan's names.
    @Test func originMatchAndProblems() throws {
        let base = try Self.base()
        let here = ScenarioFingerprint(base)
        var origin = PlanOrigin(scenario: base.name, variant: nil, fingerprint: here.inputs, identity: here.identity)
        #expect(origin.match(here) == .same)
        #expect(origin.problem(with: base, fingerprint: here, file: "p.json", exact: true, allowed: false) == nil)

        let cut = base.applying(base.variants[0])
        let cutPrint = ScenarioFingerprint(cut)
        #expect(origin.match(cutPrint) == .factsChanged)
        #expect(origin.problem(with: cut, fingerprint: cutPrint, file: "p.json", exact: false, allowed: false) == nil)
        let exact = try #require(origin.problem(with: cut, fingerprint: cutPrint, file: "p.json", exact: true, allowed: false))
        #expect(exact.severity == .error && exact.field == "scenario_fingerprint")
        #expect(exact.description.contains(String(here.inputs.prefix(12))) && exact.description.contains(String(cutPrint.inputs.prefix(12))))

        origin.identity = String(repeating: "0", count: 64)
        #expect(origin.match(here) == .foreign)
        let foreign = try #require(origin.problem(with: base, fingerprint: here, file: "p.json", exact: false, allowed: false))
        #expect(foreign.field == "scenario_identity" && foreign.description.contains("\"Base\" (base; fingerprint \(here.inputs.prefix(12)))"))
        #expect(foreign.description.contains("--allow-foreign-plan"))
        #expect(origin.problem(with: base, fingerprint: here, file: "p.json", exact: false, allowed: true)?.severity == .warning)

        origin.fingerprint = nil
        #expect(origin.match(here) == .unrecorded)
        #expect(origin.problem(with: base, fingerprint: here, file: "p.json", exact: false, allowed: false)?.severity == .error)
    }
}
