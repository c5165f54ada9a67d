import Foundation
import MeanField

extension BenchCommand {
    /// Kernels by depth on the 41×41 grid as whole processes, as a user runs them:
    /// `iterate` with σw, σb ranges, depth 30, c¹ = 0.5 from q¹ = q*, for erf (closed-form
    /// kernel) and tanh (quadrature, ~1e-12); neural-tangents' figures for the same grid
    /// come from nt_bench.py in the same run (`--nt-python`). Returns the fastest of
    /// `repeats` runs of each, by φ.
    func kernelGrids() throws -> [String: Timing] {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-bench-kernels-\(getpid()).dat").path
        defer { removeScratch(out) }
        var result: [String: Timing] = [:]
        for phi in ["erf", "tanh"] {
            let best = try fastestProcess(exe, Self.kernelArguments(phi), output: out)
            result[phi] = best
            print(String(format: "  iterate %@ 41x41 grid, depth 30 (c^1 = 0.5 at q*), one process: %.3f s", phi, best.wall))
        }
        return result
    }

    static func kernelArguments(_ phi: String) -> [String] {
        ["iterate", "--phi", phi, "--sigma-w", "1:5:41", "--sigma-b", "0:4:41", "--depth", "30", "--c0", "0.5"]
    }
}
