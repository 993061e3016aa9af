extension Catalogue {
    /// The sweep area of the catalogue.
    static let sweep: [String: Message] = [:]
}
