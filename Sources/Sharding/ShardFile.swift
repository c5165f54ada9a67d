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
        func quoted(_ s: String) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
            return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
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
    public init(decoding text: String, path: String) throws {
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
