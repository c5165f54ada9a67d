import ArgumentParser
import Foundation

/// Refuses a single-valued option given more than once (`--sigma-w 1 --sigma-w 2`,
/// `--sigma-w=1 --sigma-w 2`, `--figures fig6 --figures fig7`): the argument parser
/// keeps the last value without a word, so the run would silently differ from the one
/// typed. Options declared to repeat (arrays) may repeat.
///
/// Which options the command has, their spellings, and which of them repeat come from
/// the argument parser itself: its description of the parsed command
/// (`_dumpHelp()`, the JSON of `--experimental-dump-help`: kind, names and
/// `isRepeating` of every argument), never from its messages. The command line is
/// then read as the parser reads it: an option's value is the rest of its word after
/// `=`, or else the next word; `--` ends the options.
enum RepeatedOptions {
    /// - Throws: `UsageError` naming the first option, in the order typed, that is given
    ///   more than once although it takes one value.
    static func refuse(in command: ParsableCommand, arguments: [String]) throws {
        let words = arguments.prefix { $0 != "--" }
        // Nothing can repeat unless some word that starts with '-' does: the common case
        // costs no description of the command.
        let heads = words.filter { $0.hasPrefix("-") }.map(Self.head)
        guard Set(heads).count < heads.count else { return }

        let options = try Self.options(of: type(of: command))
        var given: [Int: [String]] = [:]
        var order: [Int] = []
        var k = words.startIndex
        while k < words.endIndex {
            let word = words[k]
            k += 1
            guard word.hasPrefix("-"), let option = options.firstIndex(where: { $0.spellings.contains(Self.head(word)) }) else {
                continue
            }
            let value: String
            if let equals = word.firstIndex(of: "=") {
                value = String(word[word.index(after: equals)...])
            } else {
                value = k < words.endIndex ? words[k] : ""
                k += 1
            }
            if given[option] == nil { order.append(option) }
            given[option, default: []].append(value)
        }
        for option in order where !options[option].repeats {
            guard let values = given[option], values.count > 1 else { continue }
            let name = options[option].name
            let listed = values.map { "'\($0)'" }.joined(separator: ", ")
            throw UsageError("\(name) is given \(values.count) times (\(listed)) but takes one value: give it once")
        }
    }

    /// "--sigma-w" of "--sigma-w=1".
    private static func head(_ word: String) -> String {
        word.firstIndex(of: "=").map { String(word[..<$0]) } ?? word
    }

    /// An option of the command: every spelling, the one to name it by, and whether it
    /// may be given more than once.
    private struct Option {
        let spellings: [String]
        let name: String
        let repeats: Bool
    }

    /// The options (not flags, not positional arguments) of `command`, as the argument
    /// parser describes them.
    private static func options(of command: ParsableCommand.Type) throws -> [Option] {
        let info = try JSONDecoder().decode(ToolInfo.self, from: Data(command._dumpHelp().utf8))
        return (info.command.arguments ?? []).compactMap { argument in
            guard argument.kind == "option", let names = argument.names, !names.isEmpty else { return nil }
            let spellings = names.map(\.spelling)
            return Option(spellings: spellings, name: argument.preferredName?.spelling ?? spellings[0],
                          repeats: argument.isRepeating ?? false)
        }
    }

    /// The part of the parser's `ToolInfoV0` read here.
    private struct ToolInfo: Decodable {
        struct Command: Decodable { let arguments: [Argument]? }
        struct Argument: Decodable {
            let kind: String
            let names: [Name]?
            let preferredName: Name?
            let isRepeating: Bool?
        }
        struct Name: Decodable {
            let kind: String
            let name: String
            /// How the name is typed: `--long`, `-s`, or `-long` (a long name with one dash).
            var spelling: String { kind == "long" ? "--" + name : "-" + name }
        }
        let command: Command
    }
}
