import Foundation

extension Table {
    public func render(_ format: Format) -> String {
        assert(uncataloguedFields.isEmpty, "fields missing from the catalogue: \(uncataloguedFields)")
        switch format {
        case .gnuplot: return gnuplot()
        case .csv: return csv()
        case .json: return json()
        }
    }

    /// Whitespace-separated columns under a `#` header naming each column with its
    /// symbol; a missing value is written `null` (gnuplot: `set datafile missing "null"`).
    public func gnuplot() -> String {
        var out = "# \(title)\n"
        for f in fields { out += "# \(f.key) = \(Self.plain(f.value))\n" }
        for (i, c) in columns.enumerated() where !c.meaning.isEmpty {
            out += "# column \(i + 1): \(c.symbol) (\(c.key)): \(c.meaning)\n"
        }
        out += "# " + columns.flatMap { c in zip(c.flatSymbols, c.flatKeys).map { "\($0)[\($1)]" } }
            .joined(separator: " ") + "\n"
        for (s, set) in sets.enumerated() {
            if s > 0 { out += "\n\n" }
            for (r, row) in set.enumerated() {
                if let b = blockSize, r > 0, r % b == 0 { out += "\n" }
                out += Self.gnuplotLine(row)
            }
        }
        return out
    }

    /// RFC 4180 CSV with a header of JSON keys; a missing value is an empty field.
    public func csv() -> String {
        var out = ""
        for f in fields { out += "# \(f.key) = \(Self.plain(f.value))\n" }
        out += columns.flatMap(\.flatKeys).joined(separator: ",") + "\n"
        for row in rows { out += Self.csvLine(row) }
        return out
    }

    /// One row of gnuplot: plain values, space-separated.
    static func gnuplotLine(_ row: [Value]) -> String {
        row.map { plain($0) }.joined(separator: " ") + "\n"
    }

    /// One row of CSV: a missing value is an empty field, text quoted when it must be.
    static func csvLine(_ row: [Value]) -> String {
        row.map { v -> String in
            switch v {
            case .number(nil): return ""
            case .text(let t): return csvQuoted(t)
            case .list(let xs): return xs.map { plain(.real($0)) }.joined(separator: ",")
            default: return plain(v)
            }
        }.joined(separator: ",") + "\n"
    }

    /// One row as a JSON object, keys in column order.
    func jsonObject(_ row: [Value]) -> String {
        "{" + zip(columns.map(\.key), row).map { "\(Self.jsonString($0)):\(Self.jsonValue($1))" }.joined(separator: ",") + "}"
    }

    public func json() -> String {
        func object(_ pairs: [(String, Value)]) -> String {
            "{" + pairs.map { "\(Self.jsonString($0.0)):\(Self.jsonValue($0.1))" }.joined(separator: ",") + "}"
        }
        let head = fields.map { ($0.key, $0.value) }
        if singleObject, let row = rows.first {
            return object(head + zip(columns.map(\.key), row).map { ($0, $1) }) + "\n"
        }
        let body = rows.map(jsonObject)
        var parts = head.map { "\(Self.jsonString($0.0)):\(Self.jsonValue($0.1))" }
        parts.append("\(Self.jsonString(rowsKey)):[" + body.joined(separator: ",\n") + "]")
        return "{" + parts.joined(separator: ",\n") + "}\n"
    }

    /// Shortest text that reads back as the same double (full precision).
    static func number(_ x: Double) -> String {
        if x == x.rounded(), x.magnitude < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    static func plain(_ v: Value) -> String {
        switch v {
        case .number(let x?): return number(x)
        case .number(nil): return "null"
        case .integer(let i): return String(i)
        case .boolean(let b): return b ? "true" : "false"
        case .text(let t): return t
        case .list(let xs): return xs.map { plain(.real($0)) }.joined(separator: " ")
        }
    }

    static func jsonValue(_ v: Value) -> String {
        switch v {
        case .text(let t): return jsonString(t)
        case .list(let xs): return "[" + xs.map { plain(.real($0)) }.joined(separator: ",") + "]"
        default: return plain(v)
        }
    }

    /// Several tables as one output: gnuplot and CSV print them one after another (two
    /// blank lines between, each with its header); JSON is one document with every
    /// table's fields and its rows under its `rowsKey`.
    public static func render(_ tables: [Table], _ format: Format) -> String {
        switch format {
        case .gnuplot: return tables.map { $0.gnuplot() }.joined(separator: "\n\n")
        case .csv: return tables.map { $0.csv() }.joined(separator: "\n")
        case .json:
            var seen = Set<String>()
            var parts: [String] = []
            for t in tables {
                let fields = t.fields.filter { seen.insert($0.key).inserted }.map { ($0.key, $0.value) }
                // A one-record table (`singleObject`): its fields and cells are keys of the
                // document, on one line as in its own JSON.
                if t.singleObject, let row = t.rows.first {
                    parts.append((fields + zip(t.columns.map(\.key), row).map { ($0, $1) })
                        .map { "\(jsonString($0.0)):\(jsonValue($0.1))" }.joined(separator: ","))
                    continue
                }
                for f in fields { parts.append("\(jsonString(f.0)):\(jsonValue(f.1))") }
                let body = t.rows.map { row in
                    "{" + zip(t.columns.map(\.key), row).map { "\(jsonString($0)):\(jsonValue($1))" }
                        .joined(separator: ",") + "}"
                }
                parts.append("\(jsonString(t.rowsKey)):[" + body.joined(separator: ",\n") + "]")
            }
            return "{" + parts.joined(separator: ",\n") + "}\n"
        }
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    static func csvQuoted(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
