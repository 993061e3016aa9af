extension Catalogue {
    /// The robust area of the catalogue.
    static let robust: [String: Message] = [:]
}
