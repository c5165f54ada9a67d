import Foundation
import XCTest

/// `meanfield reproduce --quick` end to end: the files it declares, their formats, their
/// agreement with the theory commands, and byte-identical reruns.
final class ReproduceTests: XCTestCase {
    static let tables: [String: [String]] = [
        "fig1a-theory": ["sigma_w", "q_in", "q_out"],
        "fig1a-simulation": ["sigma_w", "q_in", "q_out", "q_out_sd"],
        "fig1b-dynamics": ["q1", "layer", "q_theory", "q_sim", "q_sim_stderr"],
        "phase-diagram": ["sigma_w", "sigma_b", "q_star", "convergence_time", "c_star", "chi1"],
        "boundary": ["sigma_b", "sigma_w_critical"],
        "fig2a-theory": ["sigma_w", "c_in", "c_out"],
        "fig2a-simulation": ["sigma_w", "c_in", "c_out", "c_out_sd"],
        "fig2b-dynamics": ["c1", "layer", "c_theory", "c_sim", "c_sim_stderr"],
        "fig3a-autocorrelation": ["layer", "dtheta", "c_theory", "c_sim", "c_sim_stderr"],
        "fig3b-pca": ["layer", "theta", "pc1", "pc2", "pc3"],
        "fig4g-boundary-curvature": ["layer", "kappa_max", "kappa_min", "kappa_abs_mean", "kappa_top", "kappa_bottom"],
        "fig5-deep": ["depth", "width", "total_width", "length_e"],
        "fig5-shallow": ["width", "length_e", "bound"],
        "fig7a-modes": ["layers", "mode", "s", "epoch", "a", "a_theory"],
        "fig7b-hierarchy-spectrum": ["features", "mode", "level", "s_theory_over_sqrt_n", "s_sampled_over_sqrt_n"],
        "fig7c-differentiation": ["level", "s", "epoch", "a_over_s", "a_theory_over_s"],
        "fig7d-learning-time": ["init", "layers", "learning_rate", "epochs_to_criterion"],
        "fig4-curvature": ["sigma_w", "layer", "length_e_over_sqrt_n", "length_e_over_sqrt_n_stderr",
                           "length_e_over_sqrt_n_theory", "kappa_bar", "kappa_bar_stderr", "kappa_bar_theory",
                           "length_g", "length_g_stderr", "length_g_theory"],
    ]

    func reproduce(into dir: URL, seed: String = "1") throws -> CLI.Run {
        try CLI.run(["reproduce", "--quick", "--seed", seed, "--out", dir.appendingPathComponent("out").path,
                     "--plots", dir.appendingPathComponent("plots").path])
    }

    func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-reproduce-\(UUID())")
    }

    /// One quick reproduction shared by the read-only tests (each run takes seconds in
    /// a debug build).
    static let shared: (dir: URL, run: CLI.Run) = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-reproduce-shared-\(UUID())")
        let run = try! CLI.run(["reproduce", "--quick", "--out", dir.appendingPathComponent("out").path,
                                "--plots", dir.appendingPathComponent("plots").path])
        return (dir, run)
    }()

    override class func tearDown() {
        try? FileManager.default.removeItem(at: shared.dir)
        super.tearDown()
    }

    func testEveryDeclaredTableExistsInThreeFormatsAndEveryScriptRenders() throws {
        let (dir, r) = Self.shared
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("fig4.gp"), "prints where each file went")
        for (stem, columns) in Self.tables {
            let base = dir.appendingPathComponent("out/\(stem)")
            let dat = try String(contentsOf: base.appendingPathExtension("dat"))
            XCTAssertTrue(dat.hasPrefix("# "), stem)
            for c in columns {
                XCTAssertTrue(dat.contains("[\(c)]") || dat.contains("[\(c)_1]"), "\(stem).dat names \(c)")
            }
            XCTAssertFalse(dat.lowercased().contains("nan"), stem)
            let csv = try String(contentsOf: base.appendingPathExtension("csv"))
            let header = csv.split(separator: "\n").first { !$0.hasPrefix("#") }!
            let flat = columns.flatMap { c in ["kappa_top", "kappa_bottom"].contains(c) ? (1...4).map { "\(c)_\($0)" } : [c] }
            XCTAssertEqual(header.split(separator: ",").map(String.init), flat, stem)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: base.appendingPathExtension("json"))) as! [String: Any]
            let rows = json["rows"] as! [[String: Any]]
            XCTAssertFalse(rows.isEmpty, stem)
            XCTAssertEqual(Set(rows[0].keys), Set(columns), stem)
        }
        let gnuplotInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot")
        for figure in ["fig1", "fig2", "fig3", "fig4", "fig4g", "fig5", "fig7"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("plots/\(figure).gp").path))
            if gnuplotInstalled {
                let png = try Data(contentsOf: dir.appendingPathComponent("plots/\(figure).png"))
                XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(figure).png is a PNG")
                XCTAssertGreaterThan(png.count, 10_000, "\(figure).png has content")
            }
        }
    }

    func testTablesAgreeWithTheTheoryCommands() throws {
        let dir = Self.shared.dir
        XCTAssertEqual(Self.shared.run.status, 0)
        // Parse the gnuplot table back: data set 1 of fig4 is σw = 2.5.
        let dat = try String(contentsOf: dir.appendingPathComponent("out/fig4-curvature.dat"))
        let sets = dat.components(separatedBy: "\n\n\n").map { set in
            set.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").map { Double($0) } }
        }
        XCTAssertEqual(sets.count, 3)
        let curvature = try CLI.json(["curvature", "--sigma-w", "2.5", "--sigma-b", "0.3", "--depth", "\(sets[1].count)"])
        let layers = curvature["layers"] as! [[String: Any]]
        for (row, layer) in zip(sets[1], layers) {
            XCTAssertEqual(row[0], 2.5)
            XCTAssertEqual(row[4]!, layer["length_e_over_sqrt_n"] as! Double, accuracy: 1e-14 * row[4]!)
            XCTAssertEqual(row[10]!, layer["length_g"] as! Double, accuracy: 1e-14 * row[10]!)
            XCTAssertEqual(row[7]! * row[7]!, layer["kappa2"] as! Double, accuracy: 1e-13 * row[7]! * row[7]!)
        }
        // The length map of Fig. 1A against qmap.
        let v = try CLI.json(["qmap", "--sigma-w", "1.3", "--sigma-b", "0.3", "--q", "0:15:61"])
        let theory = try String(contentsOf: dir.appendingPathComponent("out/fig1a-theory.dat"))
            .components(separatedBy: "\n\n\n")[0].split(separator: "\n").filter { !$0.hasPrefix("#") }
        for (line, row) in zip(theory, v["rows"] as! [[String: Any]]) {
            let cells = line.split(separator: " ").map { Double($0)! }
            XCTAssertEqual(cells[1], row["q_in"] as! Double, accuracy: 1e-14)
            XCTAssertEqual(cells[2], row["q_out"] as! Double, accuracy: 1e-15 * cells[2])
        }
    }

    func testSameSeedRewritesByteIdenticalTables() throws {
        let a = temporary(), b = temporary(), c = temporary()
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(at: d) } }
        for d in [a, b] { XCTAssertEqual(try reproduce(into: d).status, 0) }
        XCTAssertEqual(try reproduce(into: c, seed: "2").status, 0)
        var differs = false
        for stem in Self.tables.keys {
            for ext in ["dat", "csv", "json"] {
                let x = try Data(contentsOf: a.appendingPathComponent("out/\(stem).\(ext)"))
                let y = try Data(contentsOf: b.appendingPathComponent("out/\(stem).\(ext)"))
                XCTAssertEqual(x, y, "\(stem).\(ext)")
                let z = try Data(contentsOf: c.appendingPathComponent("out/\(stem).\(ext)"))
                if x != z { differs = true }
            }
        }
        XCTAssertTrue(differs, "another seed gives other simulations")
    }
}
