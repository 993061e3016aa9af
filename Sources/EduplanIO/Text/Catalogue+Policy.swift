extension Catalogue {
    /// The policy area of the catalogue.
    static let policy: [String: Message] = [:]
}
