import Foundation
import MeanField

extension BenchCommand {
    /// Activation transforms (`transform`): one DKS and one TAT solve, in process, on
    /// dks's test network (ResNet-101) and on mlp:50, for softplus, tanh and a formula.
    /// dks itself (Python) is timed as a whole process beside `meanfield transform` in
    /// reference/dks/compare_dks.py.
    func transforms() throws {
        let resnet = TransformNetwork.resnet(blocks: [3, 4, 23, 3], shortcutWeight: 0.6)
        let cases: [(Nonlinearity, TransformMethod, TransformNetwork)] = [
            (.softplus, .dks, resnet), (.tanh, .dks, resnet), (.softplus, .tat, resnet), (.tanh, .tat, resnet),
            (.silu, .tat, .mlp(layers: 50)), (try Nonlinearity(formula: "x*tanh(softplus(x))"), .dks, .mlp(layers: 50)),
        ]
        for (phi, method, network) in cases {
            var solutions = 0
            let t = try time(repeats, "transform \(phi.name) \(method.rawValue)") {
                solutions = try ActivationTransform(phi: phi, method: method, network: network).solutions.count
            }
            print(String(format: "  transform %@ %@ on %@: %.1f ms (%d solutions)",
                         phi.name, method.rawValue, network.description, t * 1000, solutions))
        }
    }
}
