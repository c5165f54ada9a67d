import ArgumentParser
import MeanField

struct QMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qmap", abstract: "The length map V(q) = σw² ∫Dz φ(√q z)² + σb² on a range of q.")

    @OptionGroup var model: NetworkOptions<StandardDefaults>
    @Option(parsing: .unconditional, help: "Input lengths q, START:STOP:COUNT (q >= 0).", parsedBy: OptionValue.grid("--q"))
    var q: GridRange = GridRange(start: 0, stop: 15, count: 100)
    @OptionGroup var output: FormatOption

    func validate() throws {
        try checkRange(q, flag: "--q", within: 0...1e250, what: " (a length is >= 0)")
    }

    func run() throws {
        let m = try model.model()
        var table = Table(
            title: "length map V(q) of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB)",
            columns: [Column(.qIn), Column(.qOut),
                      Column(.qOutError)],
            fields: model.fields)
        for q in q.values {
            let v = m.lengthMapEstimate(q)
            guard v.value.isFinite else { throw TheoryError.diverges("V(q) overflows at q=\(q)") }
            table.append([.real(q), .real(v.value), .real(v.error)])
        }
        output.emit(table)
    }
}
