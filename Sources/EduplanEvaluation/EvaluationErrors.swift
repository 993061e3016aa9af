import EduplanIO

/// A plan or actuals that cannot be evaluated: the IO base's ``InputErrors``, with every problem
/// found (file, line, column, what was expected and what was found).
public typealias EvaluationErrors = InputErrors
