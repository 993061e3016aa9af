extension Catalogue {
    /// The report area of the catalogue.
    static let report: [String: Message] = [:]
}
