import EduplanIO
import Yams

/// What the scenario adds to the YAML reader: numbers in the ranges of ``InputLimits``, and ids
/// and display names by ``TextRules``.
extension YAMLReader {
    /// A finite number in the range `rule` allows (and, where the rule says so, not tiny);
    /// `expected` replaces the rule's own words.
    public func number(_ node: Node, path: String, rule: NumberRule = .any, expected: String? = nil) -> Double? {
        number(node, path: path, expected: expected ?? rule.expected) { rule.problem($0, expected: expected) }
    }

    /// An id (``TextRules``): a non-empty text in the id alphabet. A text that breaks the rules is
    /// reported and still returned, so that references to it are not reported again.
    public func identifier(_ node: Node, path: String, what: String) -> String? {
        guard let text = string(node, path: path, expected: what) else { return nil }
        checkIdentifier(text, at: node, path: path, what: what)
        return text
    }

    /// Reports `text` (written at `node`) when it is not a valid id.
    public func checkIdentifier(_ text: String, at node: Node, path: String, what: String) {
        guard let problem = TextRules.idProblem(text) else { return }
        log.error(location(node, path: path), expected: "\(what): \(TextRules.idExpected)", found: problem.found, hint: problem.hint)
    }

    /// A display name (``TextRules``); nil (reported) when it holds what a name may not.
    public func displayName(_ node: Node, path: String, expected: String = "a name") -> String? {
        guard let text = string(node, path: path, expected: expected) else { return nil }
        if let found = TextRules.nameProblem(text) {
            log.error(location(node, path: path), expected: TextRules.nameExpected, found: found)
            return nil
        }
        return text
    }
}
