import Foundation
import Numerical
import Reporting

/// One shard of a run split over machines (SPEC.md §9): a complete, self-describing
/// JSON file holding the command, every argument it was given (but `--shard`), the
/// tool's version, which share it is (index of count), the number of work items of the
/// whole run, and for each of its items the rows it computed.
///
/// Numbers travel as the hexadecimal bit patterns of their doubles, so that nothing is
/// rounded on the way: the merge (`ShardSet`) rebuilds exactly the values the unsharded
/// run computes, and so prints exactly its bytes.
public struct ShardFile: Sendable, Equatable {
    public static let formatVersion = 1

    public var command: String
    public var arguments: [String]
    public var version: String
    public var index: Int
    public var count: Int
    public var items: Int
    /// item → its rows (cells as `Value`s).
    public var payload: [Int: [[Value]]]

    public init(command: String, arguments: [String], version: String, index: Int, count: Int, items: Int,
                payload: [Int: [[Value]]]) {
        self.command = command
        self.arguments = arguments
        self.version = version
        self.index = index
        self.count = count
        self.items = items
        self.payload = payload
    }

    /// The JSON document, one item per line.
    ///
    /// Written byte by byte into one buffer: a shard of a large run holds millions of
    /// cells, and building them as Strings (map, joined, per-cell escaping) took longer
    /// than a tenth of the shard's computation.
    public func encoded() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 + payload.count * 256)
        func append(_ s: String) { out.append(contentsOf: s.utf8) }
        /// A JSON string literal, escaped by hand.
        func quoted(_ s: String) {
            out.append(UInt8(ascii: "\""))
            for u in s.utf8 {
                switch u {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(u)
                case _ where u < 0x20:
                    append(String(format: "\\u%04x", u))
                default: out.append(u)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        func hex(_ x: Double) {
            let bits = x.bitPattern
            guard bits != 0 else { out.append(UInt8(ascii: "0")); return }
            // The digits of bits without leading zeros, as String(bits, radix: 16) writes them.
            var shift = (63 - bits.leadingZeroBitCount) & ~3
            while shift >= 0 {
                let nibble = UInt8(truncatingIfNeeded: bits >> UInt64(shift)) & 0xf
                out.append(nibble < 10 ? 48 + nibble : 87 + nibble)
                shift -= 4
            }
        }
        let numberOpen: [UInt8] = Array("\"d:".utf8), missing: [UInt8] = Array("\"n\"".utf8)
        let listOpen: [UInt8] = Array("\"l:".utf8)
        func cell(_ v: Value) {
            switch v {
            case .number(nil): out.append(contentsOf: missing)
            case .number(let x?):
                out.append(contentsOf: numberOpen)
                hex(x)
                out.append(UInt8(ascii: "\""))
            case .integer(let i): append("\"i:\(i)\"")
            case .text(let t): quoted("t:" + t)
            // No sharded command has a yes/no cell: kept as its word.
            case .boolean(let b): quoted("t:" + (b ? "true" : "false"))
            case .list(let xs):
                out.append(contentsOf: listOpen)
                for (k, x) in xs.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    hex(x)
                }
                out.append(UInt8(ascii: "\""))
            }
        }
        append("{\"meanfield_shard\":\(Self.formatVersion),\"version\":")
        quoted(version)
        append(",\"command\":")
        quoted(command)
        append(",\"arguments\":[")
        for (k, a) in arguments.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            quoted(a)
        }
        append("],\"shard\":\(index),\"shards\":\(count),\"items\":\(items),\"payload\":{\n")
        for (n, (item, rows)) in payload.sorted(by: { $0.key < $1.key }).enumerated() {
            if n > 0 { append(",\n") }
            append("\"\(item)\":[")
            for (r, row) in rows.enumerated() {
                if r > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                for (k, v) in row.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    cell(v)
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
        append("\n}}\n")
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses a shard; `ShardError` names the file and what is wrong with it.
    ///
    /// Files as `encoded()` writes them (a header line, one item per line) are read by a
    /// scanner of their own, several times faster than Foundation's JSON parser on the
    /// millions of cells of a large run; anything else that is valid JSON (a shard
    /// reformatted by hand) goes through `JSONSerialization`.
    public init(decoding text: String, path: String) throws {
        try self.init(decoding: Array(text.utf8), path: path)
    }

    /// The same from the file's bytes.
    public init(decoding bytes: [UInt8], path: String) throws {
        if let fast = try Self.scanned(bytes, path: path) {
            self = fast
            return
        }
        try self.init(parsing: String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// The general path: any JSON document with the shard's keys.
    init(parsing text: String, path: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw ShardError("\(path): not a meanfield shard (not one JSON document; truncated?)")
        }
        guard let format = object["meanfield_shard"] as? Int else {
            throw ShardError("\(path): not a meanfield shard (no \"meanfield_shard\" key)")
        }
        guard format == Self.formatVersion else {
            throw ShardError("\(path): shard format \(format), this meanfield reads format \(Self.formatVersion)")
        }
        guard let command = object["command"] as? String, let arguments = object["arguments"] as? [String],
              let version = object["version"] as? String, let index = object["shard"] as? Int,
              let count = object["shards"] as? Int, let items = object["items"] as? Int,
              let payload = object["payload"] as? [String: Any] else {
            throw ShardError("\(path): a meanfield shard with missing or mistyped keys")
        }
        var rows: [Int: [[Value]]] = [:]
        for (key, value) in payload {
            guard let item = Int(key), let list = value as? [[String]] else {
                throw ShardError("\(path): payload item \(key) is malformed")
            }
            rows[item] = try list.map { try $0.map { try Self.value($0, path: path) } }
        }
        self.init(command: command, arguments: arguments, version: version, index: index, count: count,
                  items: items, payload: rows)
    }

    /// The layout of `encoded()`, scanned line by line; nil when the text is laid out
    /// otherwise (then the general parser decides). Cells are decoded straight from the
    /// bytes (no String per cell).
    static func scanned(_ all: [UInt8], path: String) throws -> ShardFile? {
        guard let firstNewline = all.firstIndex(of: 10) else { return nil }
        let tail = Array("\n}}\n".utf8)
        guard all.count >= firstNewline + tail.count, all.suffix(tail.count).elementsEqual(tail) else { return nil }
        let headerText = String(decoding: all[0..<firstNewline], as: UTF8.self)
        guard headerText.hasSuffix("\"payload\":{"),
              let header = try? ShardFile(parsing: headerText + "}}", path: path) else { return nil }
        var payload: [Int: [[Value]]] = [:]
        // A shard holds about its share of the run's items, and no more items than its
        // lines (the header's claims are not trusted for the size).
        if header.count > 0, header.items >= 0 {
            payload.reserveCapacity(Swift.min(all.count / 8, 2 * (header.items / header.count) + 16))
        }
        var malformed = false
        var duplicate: Int?
        all.withUnsafeBufferPointer { b in
            var scanner = CellScanner(bytes: b, position: firstNewline + 1, end: b.count - tail.count)
            // Items: "key":[[cells],…] separated by ",\n", the last followed by "\n".
            if scanner.position == scanner.end { return }
            while true {
                guard let (item, rows) = scanner.item() else { malformed = true; return }
                guard payload[item] == nil else { duplicate = item; return }
                payload[item] = rows
                if scanner.take(UInt8(ascii: ",")) {
                    guard scanner.take(10) else { malformed = true; return }
                    continue
                }
                guard scanner.position == scanner.end else { malformed = true; return }
                return
            }
        }
        if let item = duplicate { throw ShardError("\(path): payload item \(item) appears twice") }
        if malformed { return nil }
        return ShardFile(command: header.command, arguments: header.arguments, version: header.version,
                         index: header.index, count: header.count, items: header.items, payload: payload)
    }

    /// A cell in the file: `d:` + the hex digits of a double's bit pattern, `n` for a
    /// missing number, `i:` + an integer, `t:` + a word, `l:` + hex doubles separated by
    /// commas (written by `encoded()`, read by `CellScanner` or, in the general path, here).
    static func value(_ s: String, path: String) throws -> Value {
        func double(_ hex: Substring) throws -> Double {
            guard let bits = UInt64(hex, radix: 16) else { throw ShardError("\(path): malformed number '\(hex)'") }
            return Double(bitPattern: bits)
        }
        if s == "n" { return .number(nil) }
        if s.hasPrefix("d:") { return .number(try double(s.dropFirst(2))) }
        if s.hasPrefix("i:"), let i = Int(s.dropFirst(2)) { return .integer(i) }
        if s.hasPrefix("t:") { return .text(String(s.dropFirst(2))) }
        if s.hasPrefix("l:") {
            let body = s.dropFirst(2)
            return .list(body.isEmpty ? [] : try body.split(separator: ",").map(double))
        }
        throw ShardError("\(path): malformed cell '\(s.prefix(40))'")
    }
}

/// A shard that cannot be read or merged, in one line.
public struct ShardError: ReportableError, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads the payload lines of `encoded()` from bytes: items, rows and cells, with the
/// cells' values decoded in place. Anything unexpected returns nil (the general JSON
/// parser then decides whether the file is a shard at all).
struct CellScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    /// One past the last payload byte (the "\n" before "}}").
    let end: Int
    /// The widest row so far (the capacity reserved for the next).
    var rowWidth = 0

    mutating func take(_ c: UInt8) -> Bool {
        guard position < end, bytes[position] == c else { return false }
        position += 1
        return true
    }

    /// `"item":[[cell,…],…]`
    mutating func item() -> (Int, [[Value]])? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        var key = 0, digits = 0
        while position < end, bytes[position] >= 48, bytes[position] <= 57, digits < 18 {
            key = key * 10 + Int(bytes[position] - 48)
            position += 1
            digits += 1
        }
        guard digits > 0, take(UInt8(ascii: "\"")), take(UInt8(ascii: ":")), take(UInt8(ascii: "[")) else { return nil }
        var rows: [[Value]] = []
        if take(UInt8(ascii: "]")) { return (key, rows) }
        repeat {
            guard take(UInt8(ascii: "[")) else { return nil }
            var row: [Value] = []
            row.reserveCapacity(rowWidth)
            if !take(UInt8(ascii: "]")) {
                repeat {
                    guard let v = cell() else { return nil }
                    row.append(v)
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "]")) else { return nil }
            }
            rowWidth = Swift.max(rowWidth, row.count)
            rows.append(row)
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "]")) else { return nil }
        return (key, rows)
    }

    /// One quoted cell; nil when malformed or when it needs the general path (escapes).
    mutating func cell() -> Value? {
        guard take(UInt8(ascii: "\"")), position < end else { return nil }
        let kind = bytes[position]
        position += 1
        if kind == UInt8(ascii: "n") { return take(UInt8(ascii: "\"")) ? .number(nil) : nil }
        guard take(UInt8(ascii: ":")) else { return nil }
        switch kind {
        case UInt8(ascii: "d"):
            guard let x = hex() else { return nil }
            return take(UInt8(ascii: "\"")) ? .number(x) : nil
        case UInt8(ascii: "l"):
            var xs: [Double] = []
            if take(UInt8(ascii: "\"")) { return .list(xs) }
            repeat {
                guard let x = hex() else { return nil }
                xs.append(x)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "\"")) ? .list(xs) : nil
        case UInt8(ascii: "i"), UInt8(ascii: "t"):
            let start = position
            while position < end, bytes[position] != UInt8(ascii: "\"") {
                if bytes[position] == UInt8(ascii: "\\") { return nil }
                position += 1
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            guard take(UInt8(ascii: "\"")) else { return nil }
            if kind == UInt8(ascii: "t") { return .text(text) }
            return Int(text).map { .integer($0) }
        default:
            return nil
        }
    }

    /// 1–16 lowercase hex digits → the double with that bit pattern.
    mutating func hex() -> Double? {
        var bits: UInt64 = 0
        var digits = 0
        while position < end {
            let c = bytes[position]
            let v: UInt8
            if c >= 48 && c <= 57 { v = c - 48 } else if c >= 97 && c <= 102 { v = c - 87 } else { break }
            guard digits < 16 else { return nil }
            bits = bits << 4 | UInt64(v)
            digits += 1
            position += 1
        }
        return digits > 0 ? Double(bitPattern: bits) : nil
    }
}
