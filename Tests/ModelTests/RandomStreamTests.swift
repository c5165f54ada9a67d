import Model
import XCTest

final class RandomStreamTests: XCTestCase {
    /// SplitMix64 and xoshiro256** against their published C reference code, rewritten in
    /// Python (`Fixtures/make_generator_reference.py`): bit-exact.
    func testGeneratorsMatchTheirReferenceImplementations() {
        var s = SplitMix64(seed: 1_234_567)
        XCTAssertEqual((0..<5).map { _ in s.next() },
                       [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                        4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
        var x = Xoshiro256StarStar(seed: 42)
        XCTAssertEqual((0..<5).map { _ in x.next() },
                       [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009,
                        17_057_574_109_182_124_193, 18_295_552_978_065_317_476])
        XCTAssertEqual(SplitMix64.derive(7, [3, 1, 2]), 5_733_240_361_451_097_381)
        XCTAssertEqual(RandomStream.hierarchyFeature(1).seed(7), SplitMix64.derive(7, [2, 1]))
        XCTAssertEqual(SplitMix64.derive(7, [2]), 4_513_051_011_581_454_920)
    }

    /// Distinct streams have distinct indices, except the groups `RandomStream`'s comment
    /// lists, none of which one run draws together: every collision among the streams of
    /// networks 0–3, layers 1–3, blocks and inputs 0–3 (and the ones at the edges) is one
    /// of those.
    func testStreamsShareIndicesOnlyWhereTheRegistrySaysNoRunDrawsBoth() {
        var streams: [RandomStream] = [.readoutDirection, .boundaryRays, .offsetInputs]
        for k in 0..<4 {
            streams += [.circleAxes(network: k), .linearInput(network: k), .spectrumInput(network: k),
                        .fluctuationInput(network: k), .fluctuationPair(network: k, layer: 0),
                        .pointDirection(network: k, input: 999_999)]
            for i in 0..<4 { streams += [.pointDirection(network: k, input: i), .pair(network: k, pair: i)] }
            for l in 1..<4 {  // layer 0 is the inputs': weights and biases start at layer 1
                streams += [.bias(network: k, layer: l), .spectrumBias(network: k, layer: l),
                            .fluctuationLayer(network: k, layer: l), .fluctuationPair(network: k, layer: l),
                            .dropoutMask(network: k, layer: l)]
                for b in 0..<4 { streams.append(.weightBlock(network: k, layer: l, block: b)) }
            }
        }
        for side in 0..<2 { streams.append(.learningModes(side: side)) }
        for i in 0..<4 { streams += [.hierarchyFeature(i), .learningWeights(layer: i)] }

        func documented(_ a: RandomStream, _ b: RandomStream) -> Bool {
            switch (a, b) {
            case let (.linearInput(k), .weightBlock(k2, 1, 0)), let (.weightBlock(k2, 1, 0), .linearInput(k)):
                return k == k2
            case let (.pointDirection(k, 999_999), .pair(k2, 0)), let (.pair(k2, 0), .pointDirection(k, 999_999)):
                return k == k2
            case (.readoutDirection, .circleAxes(1)), (.circleAxes(1), .readoutDirection),
                 (.boundaryRays, .circleAxes(2)), (.circleAxes(2), .boundaryRays),
                 (.offsetInputs, .circleAxes(3)), (.circleAxes(3), .offsetInputs):
                return true
            default: return false
            }
        }
        var byIndices: [[UInt64]: RandomStream] = [:]
        var collisions = 0
        for s in streams {
            if let other = byIndices[s.indices] {
                XCTAssertTrue(documented(s, other), "\(s) and \(other) share the indices \(s.indices)")
                collisions += 1
            } else {
                byIndices[s.indices] = s
            }
        }
        XCTAssertEqual(collisions, 4 + 4 + 3, "the documented collisions, each seen once")
    }
}
