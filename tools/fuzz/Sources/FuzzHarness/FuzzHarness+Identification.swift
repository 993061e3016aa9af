import EduplanIdentification
import EduplanScenario
import Foundation

extension FuzzHarness {
    /// `identify STUDENTS --config CONFIG --scenario … --write-counts`: the configuration reader, the
    /// streaming students reader and identification, the outputs, and the counts written into a copy of
    /// the scenario's schools.csv. A missing students part keeps the fixed students file.
    func runIdentification(_ parts: [[UInt8]]) -> FuzzReport {
        let config = parts[0]
        let students = parts.count > 1 ? parts[1] : Self.fixture("students.csv")
        let configURL = inputFolder.appendingPathComponent("identify.yaml")
        let studentsURL = inputFolder.appendingPathComponent("students.csv")
        writeInput(config, to: configURL)
        writeInput(students, to: studentsURL)
        let oracle = ProblemOracle(files: ["identify.yaml": config, "students.csv": students])
        var report = FuzzReport.clean
        do {
            let loaded = try IdentificationConfig.loadWithWarnings(from: configURL, name: "identify.yaml")
            report.problems += loaded.warnings
            let result = try Identification.run(students: studentsURL, config: loaded.config,
                                                options: IdentificationOptions(scenario: evaluationScenario, fileName: "students.csv"))
            report.problems += result.warnings
            report.violations += oracle.violations(warnings: loaded.warnings + result.warnings)
            _ = result.dimensionTable
            _ = result.table(result.schools + [result.total], key: "school")
            _ = try result.json()
            _ = result.schoolsCSV + result.regionsCSV + result.totalCSV
            if !loaded.config.counts.isEmpty, let scenario = evaluationScenario {
                _ = try SchoolCountsWriter.write(result, scenario: scenario, scenarioDirectory: evaluationFolder,
                                                 to: inputFolder.appendingPathComponent("schools.csv"))
            }
        } catch let errors as IdentificationErrors {
            report.reject(errors.problems, oracle: oracle)
        } catch {
            report.violations.append(FuzzViolation(.wrongErrorType, "identification threw \(type(of: error)), not IdentificationErrors: \(error)"))
        }
        return report
    }
}
