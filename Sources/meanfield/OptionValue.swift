import ArgumentParser
import Foundation
import Synchronization

/// An option's value refused by one of our parsers, with the whole line to print:
/// `--points 'abc': expected an integer`.
///
/// The argument parser wraps a transform's error in a sentence of its own ("The value
/// … is invalid for …: <ours>"). So that the tool prints our line, and never has to read
/// the parser's English, the first refusal of a run is also kept here and `main`
/// prints it in place of the parser's message.
struct OptionRefusal: Error, CustomStringConvertible {
    let description: String

    private static let firstRefusal = Mutex<String?>(nil)

    init(_ message: String) {
        description = message
        Self.firstRefusal.withLock { if $0 == nil { $0 = message } }
    }

    /// The first refusal of this process, if any.
    static var first: String? { firstRefusal.withLock { $0 } }
}

/// Parsers of option values that name the flag and what is accepted when they refuse.
enum OptionValue {
    static let numberForm = "digits, optional sign, decimal point and exponent, e.g. 2.5 or 1e-3"

    /// A number written in decimal, as `Double(_:)` reads it (also inf and nan), or nil.
    /// `Double(_:)` alone also reads hexadecimal (0x10 is 16, 0x1p3 is 8): a form that
    /// `numberForm` does not name and the integer options refuse.
    static func decimal(_ text: some StringProtocol) -> Double? {
        text.contains { $0 == "x" || $0 == "X" } ? nil : Double(text)
    }

    /// A finite or infinite double written in decimal (limits are each command's).
    static func real(_ flag: String) -> @Sendable (String) throws -> Double {
        { text in
            if let x = decimal(text) { return x }
            throw OptionRefusal("\(flag) '\(text)': " + (decimal(trimmed(text)) != nil
                ? "expected a number without spaces around it" : "expected a number (\(numberForm))"))
        }
    }

    /// An integer within Int's range.
    static func integer(_ flag: String) -> @Sendable (String) throws -> Int {
        { text in
            if let n = Int(text) { return n }
            let t = trimmed(text)
            let why: String
            if Int(t) != nil {
                why = "expected an integer without spaces around it"
            } else if let x = Double(t), x.isFinite, x == x.rounded() {
                why = x.magnitude < 9.2e18 ? "expected an integer written in digits (\(Int(x)))"
                                           : "expected an integer in [\(Int.min), \(Int.max)]"
            } else if Double(t) != nil {
                why = "expected an integer"
            } else {
                why = "expected an integer (digits with an optional sign, e.g. 30)"
            }
            throw OptionRefusal("\(flag) '\(text)': \(why)")
        }
    }

    /// Any parser whose errors describe themselves: the refusal names the flag and value
    /// unless the message already starts with the flag.
    static func parsed<T>(_ flag: String, _ parse: @escaping @Sendable (String) throws -> T) -> @Sendable (String) throws -> T {
        { text in
            do { return try parse(text) } catch let refusal as OptionRefusal { throw refusal } catch {
                let message = "\(error)"
                throw OptionRefusal(message.hasPrefix(flag) ? message : "\(flag) '\(text)': \(message)")
            }
        }
    }

    /// A finite double written in decimal. A value that reads as ±inf or nan (also one
    /// too large for a double, 1e309) is refused here, with the text as typed: a range
    /// check after parsing would echo it as "inf".
    static func finite(_ flag: String, accepted: String) -> @Sendable (String) throws -> Double {
        let number = real(flag)
        return { text in
            let x = try number(text)
            guard x.isFinite else { throw OptionRefusal("\(flag) '\(text)' is not a finite number; accepted: \(accepted)") }
            return x
        }
    }

    /// One number as a range of one, where a command takes no grid.
    static func single(_ flag: String) -> @Sendable (String) throws -> GridRange {
        let number = real(flag)
        return { text in
            let x = try number(text)
            guard x.isFinite else { throw OptionRefusal("\(flag) '\(text)': expected a finite number") }
            return GridRange(x)
        }
    }

    /// START:STOP:COUNT (`GridRange.parse`).
    static func grid(_ flag: String) -> @Sendable (String) throws -> GridRange { parsed(flag, GridRange.parse) }

    private static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension Option {
    /// An option read by one of `OptionValue`'s parsers whose help ends in its default, as
    /// the argument parser writes it for the options it reads itself: `(default: 30)`.
    /// The parser writes no default for an option with a `transform`, so without this
    /// `meanfield help simulate` would not say what an omitted option means. `shown` spells
    /// the default where its description is not how it is typed (a list, a φ).
    init(wrappedValue: Value, name: NameSpecification = .long, parsing: SingleValueParsingStrategy = .next,
         help: ArgumentHelp, shown: String? = nil, parsedBy parse: @escaping @Sendable (String) throws -> Value) {
        var help = help
        help.abstract += " (default: \(shown ?? String(describing: wrappedValue)))"
        self.init(wrappedValue: wrappedValue, name: name, parsing: parsing, help: help, transform: parse)
    }
}
