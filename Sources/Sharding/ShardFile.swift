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
    public func encoded() -> String {
        /// A JSON string literal, escaped by hand: a shard holds millions of cells, and
        /// all but text cells are plain ASCII that needs no escaping at all.
        func quoted(_ s: String) -> String {
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
                default: out.unicodeScalars.append(u)
                }
            }
            return out + "\""
        }
        var out = "{\"meanfield_shard\":\(Self.formatVersion),\"version\":\(quoted(version)),"
        out += "\"command\":\(quoted(command)),\"arguments\":[" + arguments.map(quoted).joined(separator: ",") + "],"
        out += "\"shard\":\(index),\"shards\":\(count),\"items\":\(items),\"payload\":{\n"
        out += payload.sorted(by: { $0.key < $1.key }).map { item, rows in
            "\"\(item)\":[" + rows.map { row in "[" + row.map { quoted(Self.cell($0)) }.joined(separator: ",") + "]" }
                .joined(separator: ",") + "]"
        }.joined(separator: ",\n")
        out += "\n}}\n"
        return out
    }

    /// Parses a shard; `ShardError` names the file and what is wrong with it.
    ///
    /// Files as `encoded()` writes them (a header line, one item per line) are read by a
    /// scanner of their own, several times faster than Foundation's JSON parser on the
    /// millions of cells of a large run; anything else that is valid JSON (a shard
    /// reformatted by hand) goes through `JSONSerialization`.
    public init(decoding text: String, path: String) throws {
        if let fast = try Self.scanned(text, path: path) {
            self = fast
            return
        }
        try self.init(parsing: text, path: path)
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
    /// otherwise (then the general parser decides).
    static func scanned(_ text: String, path: String) throws -> ShardFile? {
        // Lines as byte ranges (Character-wise splitting of a 2 MB String is the slow part).
        let all = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (i, byte) in all.enumerated() where byte == 10 {
            lines.append(all[start..<i])
            start = i + 1
        }
        lines.append(all[start..<all.count])
        guard lines.count >= 3, lines[lines.count - 1].isEmpty, Array(lines[lines.count - 2]) == Array("}}".utf8) else { return nil }
        let headerText = String(decoding: lines[0], as: UTF8.self)
        guard headerText.hasSuffix("\"payload\":{"),
              let header = try? ShardFile(parsing: headerText + "}}", path: path) else { return nil }
        var payload: [Int: [[Value]]] = [:]
        for line in lines[1..<(lines.count - 2)] {
            var bytes = Array(line)
            if bytes.last == UInt8(ascii: ",") { bytes.removeLast() }
            guard let (item, rows) = scanItem(bytes) else { return nil }
            guard payload[item] == nil else { throw ShardError("\(path): payload item \(item) appears twice") }
            payload[item] = try rows.map { try $0.map { try value($0, path: path) } }
        }
        return ShardFile(command: header.command, arguments: header.arguments, version: header.version,
                         index: header.index, count: header.count, items: header.items, payload: payload)
    }

    /// `"item":[["cell",…],…]` → (item, rows of cell texts); nil when malformed.
    static func scanItem(_ b: [UInt8]) -> (Int, [[String]])? {
        var i = 0
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        func string() -> String? {
            guard expect("\"") else { return nil }
            var out: [UInt8] = []
            while i < b.count {
                let c = b[i]
                i += 1
                if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                if c == UInt8(ascii: "\\") {
                    guard i < b.count else { return nil }
                    let e = b[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "u"):
                        guard i + 4 <= b.count, let v = UInt32(String(decoding: b[i..<(i + 4)], as: UTF8.self), radix: 16),
                              let scalar = Unicode.Scalar(v) else { return nil }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                        i += 4
                    default: return nil
                    }
                } else {
                    out.append(c)
                }
            }
            return nil
        }
        guard let key = string(), let item = Int(key), expect(":"), expect("[") else { return nil }
        var rows: [[String]] = []
        if expect("]") { return i == b.count ? (item, rows) : nil }
        repeat {
            guard expect("[") else { return nil }
            var row: [String] = []
            if !expect("]") {
                repeat {
                    guard let cell = string() else { return nil }
                    row.append(cell)
                } while expect(",")
                guard expect("]") else { return nil }
            }
            rows.append(row)
        } while expect(",")
        guard expect("]"), i == b.count else { return nil }
        return (item, rows)
    }

    /// A cell as text: `d:` + the 16 hex digits of a double, `n` for a missing number,
    /// `i:` + an integer, `t:` + a word, `l:` + hex doubles separated by commas.
    static func cell(_ v: Value) -> String {
        switch v {
        case .number(nil): return "n"
        case .number(let x?): return "d:" + String(x.bitPattern, radix: 16)
        case .integer(let i): return "i:\(i)"
        case .text(let t): return "t:" + t
        case .list(let xs): return "l:" + xs.map { String($0.bitPattern, radix: 16) }.joined(separator: ",")
        }
    }

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
