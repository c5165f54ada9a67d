import ArgumentParser
import Foundation
import MeanField

struct ExpressivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expressivity",
        abstract: "Length of a great circle's image: deep nets by depth, one-hidden-layer nets by width, with Theorem 1's bound.",
        discussion: """
            The input is a great circle with |x|²/N = 1; each net's first layer is its exact \
            Gaussian image. L^E is the length of x = φ(h) at each depth (deep, fixed --width) or \
            at the hidden layer (shallow, --widths); bound = N1 (1 + s) R with s = 2 and R the \
            dynamic range of φ (null when unbounded).
            """)

    /// The chaotic σw = 4 of the paper's §4; deep nets to depth 14.
    enum Defaults: NetworkDefaults {
        static var sigmaW: GridRange { GridRange(4) }
        static var depth: Int { 14 }
        static var depthMeaning: String { "Largest depth of the deep nets (depths 1…D)" }
        static var widthMeaning: String { "Width N of the deep nets" }
    }

    @OptionGroup var model: NetworkOptions<Defaults>
    @OptionGroup var widthOption: WidthOption<Defaults>
    @OptionGroup var depthOption: DepthOption<Defaults>
    @Option(parsing: .unconditional, help: "Widths of the shallow nets, START:STOP:COUNT, log-spaced and rounded.",
            parsedBy: OptionValue.grid("--widths"))
    var widths = GridRange(start: 100, stop: 10000, count: 9)
    @Option(parsing: .unconditional, help: "Points on the circle (>= 2).", parsedBy: OptionValue.integer("--points"))
    var points: Int = 1000
    @OptionGroup var seedOption: SeedOption
    @OptionGroup var output: FormatOption

    var seed: UInt64 { seedOption.seed }
    var width: Int { widthOption.width }
    var depth: Int { depthOption.depth }

    func validate() throws {
        guard points >= 2 else { throw ValidationError("--points must be an integer >= 2, got \(points)") }
        // Checked here, before the widths are rounded to Int (which traps beyond Int's range).
        guard widths.start >= 2, widths.stop >= 2, widths.start <= 1_048_576, widths.stop <= 1_048_576 else {
            throw ValidationError("--widths must lie in [2, 1048576], got \(widths)")
        }
    }

    func run() throws {
        var r = ExpressivityRequest(network: try model.network(depth: depth))
        r.deepWidth = width
        r.points = points
        r.seed = seed
        r.shallowWidths = widths.values.map { _ in 0 }.indices.map { k in
            widths.count == 1 ? Int(widths.start.rounded())
                : Int((widths.start * pow(widths.stop / widths.start, Double(k) / Double(widths.count - 1))).rounded())
        }
        let result: (deep: [ExpressivityRequest.Deep], shallow: [ExpressivityRequest.Shallow])
        do { result = try r.run() } catch let e as SimulationError { throw UsageError(e.description) }
        let fields = model.fields + [Quantity.seed(.text(String(seed)))]
        var deep = Table(title: "deep nets: L^E of x^d = φ(h^d) by depth d", columns: [
            Column(.depth), Column(.width),
            Column(.lengthE)], rowsKey: "deep", fields: fields)
        for row in result.deep { deep.append([.integer(row.depth), .integer(row.width), .real(row.lengthE)]) }
        var shallow = Table(title: "one-hidden-layer nets: L^E by width, with Theorem 1's bound", columns: [
            Column(.width), Column(.lengthE),
            Column(.bound)], rowsKey: "shallow")
        for row in result.shallow { shallow.append([.integer(row.width), .real(row.lengthE), .real(row.bound)]) }
        output.emit([deep, shallow])
    }
}
