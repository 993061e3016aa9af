import EduplanIO

/// Input that cannot be used for identification: the IO base's ``InputErrors``, with every problem
/// found (configuration first, then the student file, in the order found). A student file with
/// millions of rows may repeat one mistake on every line, so only the first 100 errors are kept
/// in detail; ``InputErrors/omitted`` counts the rest.
public typealias IdentificationErrors = InputErrors
