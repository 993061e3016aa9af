extension Catalogue {
    /// The common area of the catalogue.
    static let common: [String: Message] = [:]
}
