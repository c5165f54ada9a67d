/// Every random stream of the tool, each named by what it draws: the one registry of
/// stream indices. A stream's seed is `SplitMix64.derive(seed, indices…)` under the run's
/// `--seed`; the indices are those each stream has always had, so every seed keeps its
/// bytes.
///
/// Layer 0 is the inputs': weights and biases exist from layer 1 on.
///
/// | stream | indices |
/// |---|---|
/// | `weightBlock(k, l, b)`: column block b of W^l of network k | (k, l, b), b < 2⁶³ |
/// | `bias(k, l)`: b^l of network k | (k, l, 2⁶⁴ − 1) |
/// | `dropoutMask(k, l)`: the dropout masks on the input of dense layer l of network k | (k, l, 2⁶⁴ − 2) |
/// | `circleAxes(k)`: the circle's axes u0, u1 | (k, 0, 0) |
/// | `pointDirection(k, i)`: single input i | (k, 0, 1 + i) |
/// | `pair(k, i)`: input pair i | (k, 0, 1 000 000 + i) |
/// | `linearInput(k)`: the circle's image through a Gaussian first layer | (k, 1, 0) |
/// | `readoutDirection`, `boundaryRays`, `offsetInputs` (decision boundary) | (1, 0, 0), (2, 0, 0), (3, 0, 0) |
/// | `spectrumInput(k)`, `spectrumBias(k, l)` (the Jacobian's spectrum) | (k, 0, 2³² + 1), (k, l, 2³² + 2) |
/// | `fluctuationInput(k)`: u, then the input x (fluctuations) | (k, 0, 2³² + 3) |
/// | `fluctuationLayer(k, l)`: layer l's two images and bias, O(N) path (fluctuations) | (k, l, 2³² + 4) |
/// | `fluctuationPair(k, l)`: the second input's part orthogonal to the first (l = 0, full path) or its image's third direction at layer l (O(N) path) | (k, l, 2³² + 5) |
/// | `learningModes(side)`: U (side 0) or V (side 1) of the synthetic modes | (side) |
/// | `hierarchyFeature(f)`: feature f of the hierarchical data | (2, f) |
/// | `learningWeights(l)`: the initial W^l of a deep linear network | (3, l) |
///
/// Streams with the same indices draw the same numbers. Three groups share indices, and
/// no run draws both of a pair (`RandomStreamTests` enumerates the collisions and checks
/// that they are exactly these):
/// - `linearInput(k)` and `weightBlock(k, 1, 0)`: layer 1's weights are not drawn when
///   the first layer is the circle's exact image;
/// - `pointDirection(k, 999_999)` and `pair(k, 0)`: a request carries fewer than a
///   million single inputs (`SimulationRequest.validate`), so the first is never drawn;
/// - `readoutDirection`, `boundaryRays`, `offsetInputs` and `circleAxes(1…3)`: a readout
///   network is never simulated as a circle.
/// Streams of different arity (learning's one and two indices, the networks' three) are
/// different streams.
public enum RandomStream: Sendable, Equatable {
    case weightBlock(network: Int, layer: Int, block: Int)
    case bias(network: Int, layer: Int)
    case dropoutMask(network: Int, layer: Int)
    case circleAxes(network: Int)
    case pointDirection(network: Int, input: Int)
    case pair(network: Int, pair: Int)
    case linearInput(network: Int)
    case readoutDirection
    case boundaryRays
    case offsetInputs
    case spectrumInput(network: Int)
    case spectrumBias(network: Int, layer: Int)
    case fluctuationInput(network: Int)
    case fluctuationLayer(network: Int, layer: Int)
    case fluctuationPair(network: Int, layer: Int)
    case learningModes(side: Int)
    case hierarchyFeature(Int)
    case learningWeights(layer: Int)

    public var indices: [UInt64] {
        switch self {
        case let .weightBlock(k, l, b): return [UInt64(k), UInt64(l), UInt64(b)]
        case let .bias(k, l): return [UInt64(k), UInt64(l), UInt64.max]
        case let .dropoutMask(k, l): return [UInt64(k), UInt64(l), UInt64.max - 1]
        case let .circleAxes(k): return [UInt64(k), 0, 0]
        case let .pointDirection(k, i): return [UInt64(k), 0, UInt64(1 + i)]
        case let .pair(k, i): return [UInt64(k), 0, UInt64(1_000_000 + i)]
        case let .linearInput(k): return [UInt64(k), 1, 0]
        case .readoutDirection: return [1, 0, 0]
        case .boundaryRays: return [2, 0, 0]
        case .offsetInputs: return [3, 0, 0]
        case let .spectrumInput(k): return [UInt64(k), 0, 0x1_0000_0001]
        case let .spectrumBias(k, l): return [UInt64(k), UInt64(l), 0x1_0000_0002]
        case let .fluctuationInput(k): return [UInt64(k), 0, 0x1_0000_0003]
        case let .fluctuationLayer(k, l): return [UInt64(k), UInt64(l), 0x1_0000_0004]
        case let .fluctuationPair(k, l): return [UInt64(k), UInt64(l), 0x1_0000_0005]
        case let .learningModes(side): return [UInt64(side)]
        case let .hierarchyFeature(f): return [2, UInt64(f)]
        case let .learningWeights(l): return [3, UInt64(l)]
        }
    }

    /// The stream's seed under the run's `seed`.
    public func seed(_ seed: UInt64) -> UInt64 { SplitMix64.derive(seed, indices) }
}
