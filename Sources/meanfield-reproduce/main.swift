import Figures
import Foundation
import Numerical
import Reporting

// `make run`'s binary: `meanfield reproduce` with its defaults, then the paper's featured
// points, built without the command line (swift-argument-parser and the CLI module are a
// third of the build: the main job builds in 33-39 s on 2 cores instead of 61-67 s). For every
// other option (--seed, --figures) use `meanfield reproduce`.

let usage = """
    usage: meanfield-reproduce [--out DIR] [--plots DIR] [--quick] [-h|--help]
    Regenerates every figure (meanfield reproduce with its defaults: --out notebooks-out, --plots plots)
    and prints the files written, then the paper's featured points as CSV; progress and each figure's
    time go to stderr (lines "meanfield: ..."). --quick: the small version for tests. --out=DIR and
    --plots=DIR also work (a folder whose name starts with '-': --out=-name). Other options (--seed,
    --figures) and every other command: meanfield reproduce (make build).
    """

func fail(_ message: String, status: Int32) -> Never {
    let line = "meanfield-reproduce: error: " + message.split(separator: "\n").joined(separator: " ") + "\n"
    Array(line.utf8).withUnsafeBytes { _ = try? writeAll($0, to: STDERR_FILENO, target: "standard error") }
    exit(status)
}

func output(_ text: String) {
    do {
        try Array(text.utf8).withUnsafeBytes { try writeAll($0, to: STDOUT_FILENO, target: "standard output") }
    } catch {
        fail("\(error)", status: 1)
    }
}

/// --out DIR, --out=DIR, --plots (the same), --quick, --help; each at most once.
func parse(_ arguments: [String]) -> (out: String, plots: String, quick: Bool) {
    var values: [String: String] = [:]
    var quick = false
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        if argument == "--help" || argument == "-h" {
            output(usage + "\n")
            exit(0)
        }
        if argument == "--quick" {
            if quick { fail("--quick given twice; accepted: --out DIR, --plots DIR, --quick, each once", status: 2) }
            quick = true
            continue
        }
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let flag = parts.first, flag == "--out" || flag == "--plots" else {
            // debugDescription: an argument with control characters is shown escaped, not sent to the terminal.
            fail("unknown argument \(argument.debugDescription); accepted: --out DIR, --plots DIR, --quick "
                 + "(other options: meanfield reproduce)", status: 2)
        }
        guard values[flag] == nil else {
            fail("\(flag) given twice; accepted: --out DIR, --plots DIR, --quick, each once", status: 2)
        }
        guard let value = parts.count == 2 ? parts[1] : rest.popFirst(), !value.isEmpty else {
            fail("\(flag) needs a folder: \(flag) DIR", status: 2)
        }
        // `--out --quick` is a missing folder, not a folder named --quick (as in `meanfield reproduce`).
        if parts.count == 1 && value.hasPrefix("-") {
            fail("\(flag) needs a folder, got the option \(value.debugDescription) "
                 + "(a folder whose name starts with '-': \(flag)=./NAME)", status: 2)
        }
        values[flag] = value
    }
    return (values["--out"] ?? "notebooks-out", values["--plots"] ?? "plots", quick)
}

TemporaryFiles.cleanUpOnSignals()
// Before any BLAS call: one OpenBLAS thread, our own fixed split (the same bytes whatever the thread count).
LinearAlgebra.configure()
let options = parse(Array(CommandLine.arguments.dropFirst()))
let log: (String) -> Void = { message in
    Array("meanfield: \(message)\n".utf8).withUnsafeBytes { _ = try? writeAll($0, to: STDERR_FILENO, target: "standard error") }
}
do {
    let reproduction = Reproduction(settings: ReproductionSettings(quick: options.quick), out: options.out,
                                    plots: options.plots, log: log)
    output(try reproduction.run().map { $0 + "\n" }.joined())
    output("featured points (tanh, sigma_b = 0.3):\n" + (try featuredPointsTable().render(.csv)))
} catch let error as ReportableError {
    fail(error.description, status: error.exitStatus)
} catch {
    fail("\(error)", status: 1)
}
