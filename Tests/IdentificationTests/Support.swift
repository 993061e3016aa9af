import EduplanScenario
import Foundation
import Testing

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary folder, removed by the caller with `cleanUp`.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-identification-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `name` in `folder` and returns its URL.
@discardableResult
func write(_ text: String, _ name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

/// |a − b| ≤ 1e-12 (both nil counts as equal).
func same(_ a: Double?, _ b: Double?, tolerance: Double = 1e-12) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance
}

/// A two-region scenario for identification tests: schools A (region r1) and B (region r2).
func twoSchoolScenario(enrollment: Int = 3) -> Scenario {
    Scenario(
        name: "two schools", subjects: [Subject(id: "general", share: 1)], studentTeacherRatio: [.primary: 20],
        categories: [], funds: [],
        regions: [Region(id: "r1", name: "One", designation: .none, rural: false),
                  Region(id: "r2", name: "Two", designation: .national, rural: true)],
        schools: [School(id: "A", name: "School A", region: 0, level: .primary, rural: false, enrollment: enrollment,
                         teachers: [1], required: [nil]),
                  School(id: "B", name: "School B", region: 1, level: .primary, rural: true, enrollment: enrollment,
                         teachers: [1], required: [nil])])
}
