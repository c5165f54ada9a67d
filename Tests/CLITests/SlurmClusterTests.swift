import Foundation
import XCTest

/// A real Slurm (slurm-wlm 22.05 from Debian: munged, slurmctld, slurmd on localhost,
/// configured in a temporary folder by slurm/local-cluster.sh) runs a phase diagram and
/// a Monte-Carlo ensemble as array jobs of 4 shards plus their merge jobs; the merged
/// tables must equal the unsharded runs byte for byte (slurm/cluster-test.sh).
/// `make test` installs the packages; without them this test fails and says so.
final class SlurmClusterTests: XCTestCase {
    func testArrayJobsMergeToTheUnshardedBytes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = root.appendingPathComponent("slurm/cluster-test.sh").path
        for tool in ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged", "/usr/bin/sbatch"] {
            guard FileManager.default.isExecutableFile(atPath: tool) else {
                return XCTFail("\(tool) is missing: `make test-deps` (or apt-get install munge slurmctld slurmd slurm-client) installs Slurm for this test")
            }
        }
        guard getuid() == 0 else {
            return XCTFail("the single-node Slurm of this test needs root (slurmd runs the jobs as their user)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script, CLI.binary.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        print(output)
        XCTAssertEqual(p.terminationStatus, 0, output)
        XCTAssertTrue(output.contains("phase-diagram: 4 shards on Slurm merged to the unsharded bytes"), output)
        XCTAssertTrue(output.contains("ensemble: 4 shards on Slurm merged to the unsharded bytes"), output)
    }
}
