extension Catalogue {
    /// The cli area of the catalogue.
    static let cli: [String: Message] = [:]
}
