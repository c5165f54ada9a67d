import Model
import Dispatch
import Nonlinearities
import Numerical

extension SimulationRequest {
    /// The elementwise pass, in place, in column blocks on all cores; eight rows at a
    /// time where φ has a vectorised jet (tanh).
    func applyJet(_ ws: Workspace) {
        let n = network.width, p = circlePoints, ld = ws.ld
        let phi = network.phi
        let h = ws.current
        let chunks = Swift.max(1, Swift.min(64, columns / 8))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = c * p / chunks, hi = (c + 1) * p / chunks
            for j in lo..<hi where !derivatives {
                // φ(h) alone, computed as in the jet below (the same bytes for h).
                let hj = h + j * ld
                var i = 0
                if let vector = phi.vectorSecondJet {
                    while i + 8 <= n {
                        store8(vector(load8(hj + i)).0, hj + i)
                        i += 8
                    }
                }
                while i < n {
                    hj[i] = phi.secondJet(hj[i]).x
                    i += 1
                }
            }
            for j in lo..<hi where derivatives {
                let hj = h + j * ld, vj = h + (p + j) * ld, aj = h + (2 * p + j) * ld
                var i = 0
                if let vector = phi.vectorSecondJet {
                    while i + 8 <= n {
                        let (f, d, dd) = vector(load8(hj + i))
                        let v = load8(vj + i)
                        store8(f, hj + i)
                        store8(d * v, vj + i)
                        store8(dd * v * v + d * load8(aj + i), aj + i)
                        i += 8
                    }
                }
                while i < n {
                    let jet = phi.secondJet(hj[i])
                    let v = vj[i]
                    hj[i] = jet.x
                    vj[i] = jet.y * v
                    aj[i] = jet.z * v * v + jet.y * aj[i]
                    i += 1
                }
            }
            let extra = columns - 3 * p
            let elo = 3 * p + c * extra / chunks, ehi = 3 * p + (c + 1) * extra / chunks
            for j in elo..<ehi {
                let hj = h + j * ld
                for i in 0..<n { hj[i] = phi.value(hj[i]) }
            }
        }
    }
}

@inline(__always)
private func load8(_ p: UnsafeMutablePointer<Double>) -> SIMD8<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Double>.self)
}

@inline(__always)
private func store8(_ v: SIMD8<Double>, _ p: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Double>.self)
}
