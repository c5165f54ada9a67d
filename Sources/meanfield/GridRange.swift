import ArgumentParser

/// START:STOP:COUNT, inclusive of both ends (COUNT ≥ 1); a single number is a range of one.
struct GridRange: CustomStringConvertible, Sendable {
    let start: Double
    let stop: Double
    let count: Int

    init(start: Double, stop: Double, count: Int) {
        self.start = start
        self.stop = stop
        self.count = count
    }

    /// The range of one value.
    init(_ value: Double) { self.init(start: value, stop: value, count: 1) }

    /// Parses START:STOP:COUNT; the error names what is accepted.
    static func parse(_ argument: String) throws -> GridRange {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1, let x = OptionValue.decimal(parts[0]), x.isFinite {
            return GridRange(start: x, stop: x, count: 1)
        }
        let accepted = "expected START:STOP:COUNT with finite numbers and an integer COUNT >= 1, e.g. 1:5:41"
        guard parts.count == 3, let a = OptionValue.decimal(parts[0]), let b = OptionValue.decimal(parts[1]),
              a.isFinite, b.isFinite else { throw RangeError(text: accepted) }
        guard let n = Int(parts[2]), n >= 1 else {
            throw RangeError(text: "COUNT must be an integer >= 1 (\(accepted))")
        }
        guard n <= 10_000_000 else { throw RangeError(text: "COUNT must be at most 10000000") }
        if n == 1 && a != b { throw RangeError(text: "COUNT = 1 needs START = STOP") }
        return GridRange(start: a, stop: b, count: n)
    }

    struct RangeError: Error, CustomStringConvertible {
        let text: String
        var description: String { text }
    }

    var values: [Double] {
        count == 1 ? [start] : (0..<count).map { (k: Int) -> Double in
            k == count - 1 ? stop : start + (stop - start) * Double(k) / Double(count - 1)
        }
    }

    var description: String { count == 1 ? "\(start)" : "\(start):\(stop):\(count)" }
}
