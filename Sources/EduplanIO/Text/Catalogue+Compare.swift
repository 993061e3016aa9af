extension Catalogue {
    /// The compare area of the catalogue.
    static let compare: [String: Message] = [:]
}
