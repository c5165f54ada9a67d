/// One output quantity, named once: its key (the JSON key, the CSV header, the name a
/// gnuplot script looks its column up by), its symbol and meaning (the gnuplot header)
/// and its unit. Every column and every top-level field of every table is one of the
/// catalogue's entries (`Quantity.all`), so no key means two things and no header is
/// spelt twice. Theory and simulation of one quantity are two entries
/// (`q_theory` beside `q`), since they are two columns.
public struct Quantity: Sendable, Hashable {
    public let key: String
    public let symbol: String
    public let meaning: String
    /// "" for a pure number; otherwise what it counts or measures ("layers", "rad").
    public let unit: String
    /// Elements of a list-valued quantity (`kappa_top`: the 4 largest); 1 for a scalar.
    public let count: Int

    init(_ key: String, _ symbol: String, _ meaning: String, unit: String = "", count: Int = 1) {
        self.key = key
        self.symbol = symbol
        self.meaning = meaning
        self.unit = unit
        self.count = count
    }

    /// The catalogue entry with this key, if there is one.
    public static func named(_ key: String) -> Quantity? { byKey[key] }

    static let byKey: [String: Quantity] = Dictionary(all.map { ($0.key, $0) }) { first, _ in first }

    /// A top-level field of a table holding this quantity (`Table.fields`).
    public func callAsFunction(_ value: Value) -> (key: String, value: Value) { (key, value) }
}

extension Column {
    /// The column that prints `quantity`.
    public init(_ quantity: Quantity) {
        self.init(key: quantity.key, symbol: quantity.symbol, meaning: quantity.unit.isEmpty
                  ? quantity.meaning : "\(quantity.meaning) [\(quantity.unit)]", count: quantity.count)
    }
}
