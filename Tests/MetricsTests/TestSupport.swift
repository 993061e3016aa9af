import Testing

/// Mexico: real GDP per capita of the 32 states in 1940 and 2000, and Hanson's 1998
/// regimes, as shipped with libpysal (`libpysal/examples/mexico/mexico.csv`,
/// BSD-3-Clause). PySAL's `inequality` package tests its Gini and Theil on this data,
/// so its published numbers are independent references. `reference_values.py` holds
/// the same arrays.
enum Mexico {
    static let states = [
        "Aguascalientes", "Baja California", "Baja California Sur", "Campeche", "Chiapas",
        "Chihuahua", "Coahuila", "Colima", "Distrito Federal", "Durango", "Guanajuato",
        "Guerrero", "Hidalgo", "Jalisco", "Mexico", "Michoacan", "Morelos", "Nayarit",
        "Nuevo Leon", "Oaxaca", "Puebla", "Quertaro", "Quintana Roo", "San Luis Potosi",
        "Sinaloa", "Sonora", "Tabasco", "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatan",
        "Zacatecas",
    ]
    static let pcgdp1940: [Double] = [
        10384, 22361, 9573, 3758, 2934, 8578, 8537, 6909, 17816, 12132, 4359, 2181,
        4414, 5309, 3408, 3327, 6936, 4836, 9073, 1892, 3569, 11016, 21965, 4372,
        4840, 6399, 2459, 7508, 3605, 5203, 7990, 3734,
    ]
    static let pcgdp2000: [Double] = [
        27782, 29855, 26103, 36163, 8684, 30735, 28460, 21358, 54349, 17379, 15585,
        11820, 12348, 21610, 16322, 11838, 18170, 11478, 38672, 9010, 15685, 26149,
        33442, 15866, 15242, 24068, 13360, 23546, 11701, 12191, 17509, 11130,
    ]
    static let hanson98 = [
        2, 1, 2, 5, 5, 1, 1, 3, 4, 2, 3, 5, 3, 3, 4, 3, 3, 2, 1, 5, 3, 3, 5, 2, 2,
        1, 5, 1, 3, 3, 5, 2,
    ]
    static let unitWeights = [Double](repeating: 1, count: 32)
    /// The weighted case of `reference_values.py`: n_i = (7 i mod 11) + 1.
    static let weights: [Double] = (0..<32).map { Double((7 * $0) % 11 + 1) }
    /// Made-up incomes per capita of the five regimes (region index = regime − 1).
    static let regionIncome: [Double?] = [8000, 12000, 6000, 15000, 5000]
}

/// |a − b| ≤ tolerance · max(1, |b|).
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

/// A small deterministic generator (SplitMix64), so random tests reproduce exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The Gini coefficient by its definition, the O(n²) double sum
/// Σ_i Σ_j n_i n_j |v_i − v_j| / (2 W² μ): the check on the O(n log n) version.
func giniByDoubleSum(_ values: [Double], _ weights: [Double]) -> Double {
    let totalWeight = weights.reduce(0, +)
    let mean = zip(values, weights).map { $0 * $1 }.reduce(0, +) / totalWeight
    var sum = 0.0
    for i in values.indices {
        for j in values.indices {
            sum += weights[i] * weights[j] * abs(values[i] - values[j])
        }
    }
    return sum / (2 * totalWeight * totalWeight * mean)
}
