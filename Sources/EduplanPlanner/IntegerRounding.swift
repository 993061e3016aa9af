import LinearProgramming

/// The one rounding of an LP relaxation's integers that every integer plan built without a search
/// uses: F2's rounded plan, the top-up's start, hold-harmless, and the dispatch rounding heuristic
/// (``DispatchRounding``).
extension Model {
    /// The LP relaxation: every integer or binary column continuous, its bounds kept.
    func relaxingIntegers() -> Model {
        var relaxed = self
        for j in columnKind.indices where columnKind[j] != .continuous { relaxed.setKind(Variable(index: j), .continuous) }
        return relaxed
    }

    /// `values` with every integer column of this model rounded down (after 1e-9, so 2.9999999999
    /// is 3) and kept within its bounds; continuous columns as they are.
    /// - Complexity: O(variables).
    func integersRoundedDown(_ values: [Double]) -> [Double] {
        var rounded = values
        for j in columnKind.indices where columnKind[j] != .continuous {
            rounded[j] = min(columnUpper[j], max(columnLower[j], (values[j] + 1e-9).rounded(.down)))
        }
        return rounded
    }

    /// This model with every column that is an integer in `original` fixed at its value in
    /// `values` rounded down (``integersRoundedDown(_:)``): a point with integral integers,
    /// feasible for the MIP whenever this LP is feasible.
    func fixingIntegers(of original: Model, roundedDownFrom values: [Double]) -> Model {
        var fixed = self
        let rounded = original.integersRoundedDown(values)
        for j in original.columnKind.indices where original.columnKind[j] != .continuous {
            fixed.setBounds(Variable(index: j), lower: rounded[j], upper: rounded[j])
        }
        return fixed
    }
}
