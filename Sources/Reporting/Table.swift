/// One cell of a table: a number that may not exist (`nil` → JSON `null`), an integer,
/// or a word.
public enum Value: Sendable, Equatable {
    case number(Double?)
    case integer(Int)
    case text(String)
    /// Several numbers in one column (`kappa_top`): a JSON array, and in gnuplot and CSV
    /// one field per element under headers key_1, key_2, ….
    case list([Double])
    /// A yes/no (`stable` of a fixed point): JSON true/false, and so in gnuplot and CSV.
    case boolean(Bool)

    /// A number, or `nil` when it is not finite: NaN and ±∞ are never printed.
    public static func real(_ x: Double?) -> Value {
        guard let x, x.isFinite else { return .number(nil) }
        return .number(x)
    }
}

/// A column: its JSON key (snake_case, part of the CLI contract), and the symbol and
/// meaning printed in the gnuplot header, all from one catalogue entry (`Column(_:)`
/// with a `Quantity`).
public struct Column: Sendable, Equatable {
    public let key: String
    public let symbol: String
    public let meaning: String
    /// Elements of a list-valued column (1 for a plain one).
    public let count: Int

    init(key: String, symbol: String, meaning: String, count: Int) {
        self.key = key
        self.symbol = symbol
        self.meaning = meaning
        self.count = count
    }

    /// Header names in gnuplot and CSV: key, or key_1 … key_count.
    var flatKeys: [String] { count == 1 ? [key] : (1...count).map { "\(key)_\($0)" } }
    var flatSymbols: [String] { count == 1 ? [symbol] : (1...count).map { "\(symbol)_\($0)" } }
}

/// A table described once and printed as gnuplot, CSV or JSON.
///
/// - Rows may be grouped into data sets (two blank lines between them in gnuplot, for
///   `index`) and, within a set, into blocks of `blockSize` rows (one blank line
///   between blocks, for `splot`/`pm3d` grids).
/// - `fields` are scalars that belong to the whole table (`q_star` of `cmap`): JSON
///   top-level keys, gnuplot/CSV comment lines.
/// - JSON is one document: `{fields…, rowsKey: [ {key: value, …}, … ]}`, or, when
///   `singleObject` is set, the fields and the one row merged into one object.
public struct Table: Sendable {
    public var title: String
    public var columns: [Column]
    public var sets: [[[Value]]]
    public var blockSize: Int?
    public var fields: [(key: String, value: Value)]
    public var rowsKey: String
    public var singleObject: Bool

    public init(title: String, columns: [Column], rows: [[Value]] = [], rowsKey: String = "rows",
                fields: [(key: String, value: Value)] = [], blockSize: Int? = nil, singleObject: Bool = false) {
        self.title = title
        self.columns = columns
        self.sets = [rows]
        self.rowsKey = rowsKey
        self.fields = fields
        self.blockSize = blockSize
        self.singleObject = singleObject
    }

    /// One record, each cell named by its quantity (no parallel lists of columns and
    /// values): printed as one row, and in JSON as one object with the fields.
    public init(title: String, record: [(Quantity, Value)], fields: [(key: String, value: Value)] = []) {
        self.init(title: title, columns: record.map { Column($0.0) }, rows: [record.map(\.1)], fields: fields,
                  singleObject: true)
    }

    public var rows: [[Value]] { sets.flatMap { $0 } }

    /// The 1-based gnuplot (and CSV) column of `quantity`, list columns counted element by
    /// element: how a gnuplot script names a column (`using \(t.column(.q)):…`).
    public func column(_ quantity: Quantity) -> Int {
        var n = 1
        for c in columns {
            if c.key == quantity.key { return n }
            n += c.count
        }
        preconditionFailure("table '\(title)' has no column \(quantity.key)")
    }

    /// Keys of fields that are not in the catalogue (empty for every table the tool
    /// prints: the tests render every command's output in debug builds, which assert it).
    var uncataloguedFields: [String] { fields.map(\.key).filter { Quantity.named($0) == nil } }

    public mutating func append(_ row: [Value]) {
        precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
        sets[sets.count - 1].append(row)
    }

    /// Starts a new data set (gnuplot `index`).
    public mutating func newSet() { sets.append([]) }
}

/// The output formats of every subcommand (`--format`).
public enum Format: String, Sendable, CaseIterable {
    case gnuplot, csv, json
}
