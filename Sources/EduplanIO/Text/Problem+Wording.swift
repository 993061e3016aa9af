/// Problems of bad input in a wording's language: the frame (file, line, column, field) and the
/// readers' expected, found and hint texts (``ProblemPhrase``); what quotes the file's content, ids
/// and numbers stay as written, so a problem still points at the same bytes whatever the language.
extension Problem {
    /// `schools.csv:12:5 (poor): expected …, found …` in English (``description``); in Chinese
    /// `文件 schools.csv 第 12 行第 5 列（poor）：应为 …，实际为 …`. Workbook cells keep Excel's name.
    public func text(_ w: Wording) -> String {
        guard w.language != .english else { return description }
        var location: String
        if SourceLocation.isWorkbook(file), let line {
            let cell = column.map { "!" + CellReference.name(row: line, column: $0 - 1) } ?? "!\(line):\(line)"
            location = w("cli.problem.file", ["file": file + cell])
        } else if let line, let column {
            location = w("cli.problem.lineColumn", ["file": file, "line": "\(line)", "column": "\(column)"])
        } else if let line {
            location = w("cli.problem.line", ["file": file, "line": "\(line)"])
        } else {
            location = w("cli.problem.file", ["file": file])
        }
        if let field { location = w("cli.problem.field", ["location": location, "field": field]) }
        var text = w(severity == .warning ? "cli.problem.warningAt" : "cli.problem.at",
                     ["location": location, "expected": ProblemPhrase.text(expected, w.language),
                      "found": ProblemPhrase.found(found, w.language)])
        if let hint { text = w("cli.problem.hint", ["text": text, "hint": ProblemPhrase.text(hint, w.language)]) }
        return text
    }
}

extension InputErrors {
    /// ``description`` in a wording's language: the count and what was read, then one indented
    /// line a problem.
    public func text(_ w: Wording) -> String {
        guard w.language != .english else { return description }
        let count = errors.count + omitted
        var text = w("cli.problems", ["count": "\(count)", "source": w.source(source)]) + "\n"
            + problems.map { "  \($0.text(w))" }.joined(separator: "\n")
        if omitted > 0 { text += "\n" + w("cli.problems.omitted", ["more": "\(omitted)", "listed": "\(errors.count)"]) }
        return text
    }
}

extension Wording {
    /// What was read (`the scenario`, `the previous plan`) in the language; an unknown one as written.
    public func source(_ english: String) -> String {
        Catalogue.entries["source.\(english)"]?.text(language) ?? english
    }
}
