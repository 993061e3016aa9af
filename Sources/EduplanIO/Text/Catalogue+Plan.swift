extension Catalogue {
    /// The plan area of the catalogue.
    static let plan: [String: Message] = [:]
}
