extension Catalogue {
    /// The glossary area of the catalogue.
    static let glossary: [String: Message] = [:]
}
