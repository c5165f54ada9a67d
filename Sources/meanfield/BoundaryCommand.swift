import ArgumentParser
import Foundation
import MeanField

struct BoundaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundary", abstract: "The order-to-chaos boundary: the σw where χ1 = 1, for each σb.")

    @OptionGroup var phiOption: PhiOption
    @Option(name: .customLong("sigma-b"), parsing: .unconditional, help: "σb values, START:STOP:COUNT.", transform: { try GridRange.parse($0) })
    var sigmaB = GridRange(start: 0, stop: 4, count: 41)
    @OptionGroup var output: FormatOption

    func validate() throws {
        try checkRange(sigmaB, flag: "--sigma-b", within: 0...1e75, what: " (a standard deviation)")
    }

    func run() throws {
        let boundary = OrderChaosBoundary(phi: phiOption.phi)
        let values = sigmaB.values
        let results = UnsafeMutableBufferPointer<Result<Double, Error>>.allocate(capacity: values.count)
        defer { results.deallocate() }
        let base = results.baseAddress!
        DispatchQueue.concurrentPerform(iterations: values.count) { k in
            (base + k).initialize(to: Result { try boundary.criticalSigmaW(sigmaB: values[k]) })
        }
        var table = Table(
            title: "order-to-chaos boundary of \(phiOption.phi.name)",
            columns: [Column("sigma_b", "σb", "bias standard deviation"),
                      Column("sigma_w_critical", "σw*", "weight standard deviation with χ1 = 1")],
            fields: [("phi", .text(phiOption.phi.name))])
        var failures: [(Double, Error)] = []
        for (b, r) in zip(values, results) {
            switch r {
            case .success(let w): table.append([.real(b), .real(w)])
            case .failure(let e):
                failures.append((b, e))
                table.append([.real(b), .real(nil)])
            }
        }
        if let (b, e) = failures.first {
            // Not an error: the boundary does not exist there and prints as null; say why once.
            note("\(failures.count) of \(values.count) sigma-b values have no boundary (null), e.g. sigma-b=\(b): \(e)")
        }
        output.emit(table)
    }
}
