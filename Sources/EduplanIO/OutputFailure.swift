/// The inputs of a command, which its outputs must keep clear of.
///
/// An output may not be an input folder or lie inside one (`solve DIR --out DIR` would overwrite
/// the scenario's own `schools.csv`), may not hold one (the swap replaces the whole folder), and
/// may not be or hold an input file. Paths are compared after resolving symbolic links.
public struct InputPaths: Sendable {
    /// Folders read from (the scenario folder, the folder of `identify`'s student file).
    public var folders: [String]
    /// Single files read from (`--previous`, `--sweep`, the parts of `sweep merge`).
    public var files: [String]

    /// The inputs of a command: folders it reads from, and single files.
    public init(folders: [String] = [], files: [String] = []) {
        self.folders = folders
        self.files = files
    }
}

/// Why an output cannot be written, as one line naming the path the way the user wrote it.
public struct OutputFailure: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// The system refused (permission, no space, not a regular file…).
        case file(FileFailure)
        /// Another eduplan holds the output's lock (its pid when known).
        case busy(pid: Int?)
        /// The output is this input folder.
        case isInputFolder(String)
        /// The output lies inside this input folder.
        case insideInputFolder(String)
        /// The output would replace or remove this input (a file, or a folder it holds).
        case replacesInput(String)
        /// The output folder holds this sub-folder (or special file), which a swap would remove.
        case holdsFolder(String)
    }

    /// The output path as the user gave it.
    public var path: String
    /// What is wrong.
    public var reason: Reason

    /// A failure of the output `path` (as the user gave it).
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// `cannot write out/plan: permission denied`, `out/plan is being written by another eduplan (pid 4242)`.
    public var description: String {
        switch reason {
        case let .file(failure): return "cannot write \(path): \(failure)"
        case let .busy(pid): return "\(path) is being written by another eduplan (pid \(pid.map(String.init) ?? "unknown"))"
        case let .isInputFolder(input):
            return "cannot write \(path): it is the input folder \(input) (eduplan never writes over its inputs)"
        case let .insideInputFolder(input):
            return "cannot write \(path): it is inside the input folder \(input) (eduplan never writes over its inputs)"
        case let .replacesInput(input):
            return "cannot write \(path): it would replace the input \(input) (eduplan never writes over its inputs)"
        case let .holdsFolder(name):
            return "cannot write \(path): it holds `\(name)`, which is not a file; the output replaces the whole folder, so give a new folder or one holding only files"
        }
    }
}
