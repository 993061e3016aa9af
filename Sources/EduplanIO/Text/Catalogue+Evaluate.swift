extension Catalogue {
    /// The evaluate area of the catalogue.
    static let evaluate: [String: Message] = [:]
}
