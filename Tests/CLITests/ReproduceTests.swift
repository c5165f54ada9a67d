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
        "fig10-fluctuations": ["phi", "width", "layer", "n_q_var_theory", "n_q_var", "n_q_var_stderr", "n_log_gain_var_theory", "n_log_gain_var", "n_log_gain_var_stderr"],
        "fig10-convergence": ["phi", "width", "layer", "n_q_var_theory", "n_q_var", "n_q_var_stderr", "n_log_gain_var_theory", "n_log_gain_var", "n_log_gain_var_stderr"],
        "fig6a-linear": ["weights", "depth", "log10_lambda", "density_log10_theory", "density_log10", "density_log10_stderr"],
        "fig6a-orthogonal": ["depth", "lambda_min", "lambda_max"],
        "fig6b-tanh": ["weights", "depth", "log10_lambda", "density_log10_theory", "density_log10", "density_log10_stderr"],
        "fig6c-variance": ["weights", "depth", "variance_theory", "variance", "variance_stderr"],
        "fig6d-critical-line": ["phi", "sigma_b", "sigma_w", "q_star", "variance_over_depth"],
        "fig8a-silu-regions": ["sigma_w", "sigma_b", "region", "q_star", "chi1", "diverges_above"],
        "fig8a-silu-boundary": ["sigma_b", "sigma_w_critical", "sigma_w_critical_unstable", "sigma_w_saddle_node"],
        "fig8b-critical-line": ["phi", "q_star", "sigma_w", "sigma_b", "chi_q", "stable"],
        "fig9a-theory": ["dropout", "sigma_w", "xi_c"],
        "fig9a-simulation": ["dropout", "sigma_w", "xi_c_sim", "xi_c_sim_stderr"],
        "fig9bc-ntk": ["sigma_w", "layer", "ntk", "ntk_12", "ntk_correlation"],
        "fig4-circle": ["sigma_w", "layer", "q", "q_theory", "q_stderr", "g_e", "g_e_theory", "g_e_stderr",
                        "kappa2", "kappa2_theory", "kappa2_stderr"],
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

    /// One quick reproduction (seed 1) read by every check, rerun with seed 1 and with seed
    /// 2 for the byte comparison: 3 runs in one test case, where separate test cases (one
    /// process each under `--parallel`) would make 6, each taking seconds in a debug build.
    func testQuickReproduction() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try reproduce(into: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        guard run.status == 0 else { return }
        try checkEveryDeclaredTableExistsInThreeFormatsAndEveryScriptRenders(dir, run)
        try checkTablesAgreeWithTheTheoryCommands(dir)
        try checkEveryScriptPlotsTheQuantitiesOfItsAxes(dir)
        try checkTablesDoNotDependOnWhichFiguresAreMadeBesideThem(dir, run)
        try checkSameSeedRewritesByteIdenticalTables(dir)
    }

    func checkEveryDeclaredTableExistsInThreeFormatsAndEveryScriptRenders(_ dir: URL, _ r: CLI.Run) throws {
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
        for figure in ["fig1", "fig2", "fig3", "fig4", "fig4g", "fig5", "fig6", "fig7", "fig8", "fig9", "fig10"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("plots/\(figure).gp").path))
            if gnuplotInstalled {
                let png = try Data(contentsOf: dir.appendingPathComponent("plots/\(figure).png"))
                XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(figure).png is a PNG")
                XCTAssertGreaterThan(png.count, 10_000, "\(figure).png has content")
            }
        }
    }

    func checkTablesAgreeWithTheTheoryCommands(_ dir: URL) throws {
        // Parse the gnuplot table back: data set 1 of fig4 is σw = 2.5.
        let dat = try String(contentsOf: dir.appendingPathComponent("out/fig4-curvature.dat"))
        let sets = dat.components(separatedBy: "\n\n\n").map { set in
            set.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").map { Double($0) } }
        }
        XCTAssertEqual(sets.count, 3)
        let curvature = try CLI.json(["curvature", "--sigma-w", "2.5", "--sigma-b", "0.3", "--depth", "\(sets[1].count)"])
        let layers = curvature["layers"] as! [[String: Any]]
        XCTAssertEqual(layers.count, sets[1].count, "one curvature layer per table row")
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
        let rows = v["rows"] as! [[String: Any]]
        XCTAssertEqual(theory.count, rows.count, "Fig. 1A at σw = 1.3 and qmap have one row per q")
        for (line, row) in zip(theory, rows) {
            let cells = line.split(separator: " ").map { Double($0)! }
            XCTAssertEqual(cells[1], row["q_in"] as! Double, accuracy: 1e-14)
            XCTAssertEqual(cells[2], row["q_out"] as! Double, accuracy: 1e-15 * cells[2])
        }
    }

    /// `a` holds a run with seed 1.
    func checkSameSeedRewritesByteIdenticalTables(_ a: URL) throws {
        let b = temporary(), c = temporary()
        defer { for d in [b, c] { try? FileManager.default.removeItem(at: d) } }
        XCTAssertEqual(try reproduce(into: b).status, 0)
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

    /// The figures are made side by side, costliest first, two lanes on two cores: no
    /// byte may depend on which figures share the run or in which order they start. Made
    /// alone (one lane) or as a pair sharing the phase diagram, Figures 1, 2 and 3 write
    /// the same bytes as in the full run; each figure logs its progress line and its
    /// `figN done in` line once.
    func checkTablesDoNotDependOnWhichFiguresAreMadeBesideThem(_ dir: URL, _ full: CLI.Run) throws {
        XCTAssertEqual(full.status, 0, full.stderr)
        for figure in ["fig1", "fig2", "fig3", "fig4", "fig4g", "fig5", "fig6", "fig7", "fig8", "fig9", "fig10"] {
            XCTAssertEqual(full.stderr.components(separatedBy: "meanfield: \(figure) done in ").count, 2, full.stderr)
        }
        for figures in ["fig3", "fig2,fig1"] {
            let d = temporary()
            defer { try? FileManager.default.removeItem(at: d) }
            let r = try CLI.run(["reproduce", "--quick", "--figures", figures, "--out", d.appendingPathComponent("out").path,
                                 "--plots", d.appendingPathComponent("plots").path])
            XCTAssertEqual(r.status, 0, r.stderr)
            let stems = try FileManager.default.contentsOfDirectory(atPath: d.appendingPathComponent("out").path)
            XCTAssertGreaterThanOrEqual(stems.count, figures == "fig3" ? 6 : 24, "\(stems)")
            for file in stems {
                XCTAssertEqual(try Data(contentsOf: d.appendingPathComponent("out/\(file)")),
                               try Data(contentsOf: dir.appendingPathComponent("out/\(file)")), "\(figures): \(file)")
            }
        }
    }

    /// What each figure plots from each table, by key (the paper's axes): per table stem,
    /// the key tuples of its `using` clauses (x, y[, error]); a list column's elements
    /// come one by one (`for [c=…] … column(c)`).
    static let plotted: [String: Set<[String]>] = [
        "fig1a-theory": [["q_in", "q_out"]],
        "fig1a-simulation": [["q_in", "q_out", "q_out_sd"]],
        "fig1b-dynamics": [["layer", "q_theory"], ["layer", "q_sim", "q_sim_stderr"]],
        "phase-diagram": [["sigma_w", "sigma_b", "q_star"], ["sigma_w", "sigma_b", "convergence_time"],
                          ["sigma_w", "sigma_b", "c_star"], ["sigma_w", "sigma_b", "chi1"]],
        "boundary": [["sigma_w_critical", "sigma_b"]],
        "fig2a-theory": [["c_in", "c_out"]],
        "fig2a-simulation": [["c_in", "c_out", "c_out_sd"]],
        "fig2b-dynamics": [["layer", "c_theory"], ["layer", "c_sim", "c_sim_stderr"]],
        "fig3a-autocorrelation": [["dtheta", "c_theory"], ["dtheta", "c_sim", "c_sim_stderr"]],
        "fig3b-pca": [["pc1", "pc2", "pc3"]],
        "fig4-curvature": [
            ["layer", "length_e_over_sqrt_n_theory"], ["layer", "length_e_over_sqrt_n", "length_e_over_sqrt_n_stderr"],
            ["layer", "kappa_bar_theory"], ["layer", "kappa_bar", "kappa_bar_stderr"],
            ["layer", "length_g_theory"], ["layer", "length_g", "length_g_stderr"],
        ],
        "fig4g-boundary-curvature": [["layer"] + (1...4).map { "kappa_top_\($0)" }, ["layer"] + (1...4).map { "kappa_bottom_\($0)" }],
        "fig5-deep": [["total_width", "length_e"]],
        "fig5-shallow": [["width", "length_e"], ["width", "bound"]],
        "fig6a-linear": [["log10_lambda", "density_log10_theory"], ["log10_lambda", "density_log10", "density_log10_stderr"]],
        "fig6a-orthogonal": [["lambda_max"]],
        "fig6b-tanh": [["log10_lambda", "density_log10_theory"], ["log10_lambda", "density_log10", "density_log10_stderr"]],
        "fig6c-variance": [["depth", "variance_theory"], ["depth", "variance", "variance_stderr"]],
        "fig6d-critical-line": [["q_star", "variance_over_depth"]],
        "fig7a-modes": [["epoch", "a_theory"], ["epoch", "a"]],
        "fig7b-hierarchy-spectrum": [["mode", "s_theory_over_sqrt_n"], ["mode", "s_sampled_over_sqrt_n"]],
        "fig7c-differentiation": [["epoch", "a_over_s"], ["epoch", "a_theory_over_s"]],
        "fig7d-learning-time": [["layers", "epochs_to_criterion"]],
        "fig8a-silu-regions": [["sigma_w", "sigma_b", "region"]],
        "fig8a-silu-boundary": [["sigma_w_saddle_node", "sigma_b"], ["sigma_w_critical_unstable", "sigma_b"],
                                ["sigma_w_critical", "sigma_b"]],
        "fig8b-critical-line": [["sigma_w", "sigma_b"], ["q_star", "chi_q"]],
        "fig9a-theory": [["sigma_w", "xi_c"]],
        "fig9a-simulation": [["sigma_w", "xi_c_sim", "xi_c_sim_stderr"]],
        "fig9bc-ntk": [["layer", "ntk_correlation"], ["layer", "ntk"]],
        "fig10-fluctuations": [["layer", "n_q_var_theory"], ["layer", "n_q_var", "n_q_var_stderr"],
                               ["layer", "n_log_gain_var_theory"], ["layer", "n_log_gain_var", "n_log_gain_var_stderr"]],
    ]

    /// The key tuples each script's `using` clauses read, per table stem: columns looked
    /// up in the table's CSV header (`2`, `$2` and `column(2)` are column 2; `column(c)` in
    /// `for [c=a:b]` is columns a…b; constants such as `(0)` read nothing).
    func plottedKeys(script: String, tables: URL) throws -> [String: Set<[String]>] {
        let text = script.replacingOccurrences(of: "\\\n", with: " ")
        let clause = try NSRegularExpression(pattern: #"(?:for \[c=(\d+):(\d+)\] )?'[^']*/([\w.-]+)\.dat'[^']*? using (.+?) with"#)
        let dollar = try NSRegularExpression(pattern: #"\$(\d+)|column\((\d+)\)"#)
        var out: [String: Set<[String]>] = [:]
        for m in clause.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            func group(_ i: Int) -> String? { Range(m.range(at: i), in: text).map { String(text[$0]) } }
            let stem = group(3)!, spec = group(4)!
            let csv = try String(contentsOf: tables.appendingPathComponent("\(stem).csv"))
            let keys = csv.split(separator: "\n").first { !$0.hasPrefix("#") }!.split(separator: ",").map(String.init)
            var columns: [Int] = []
            for part in spec.split(separator: ":").map(String.init) {
                if let c = Int(part) {
                    columns.append(c)
                } else if part.contains("column(c)"), let a = group(1).flatMap({ Int($0) }), let b = group(2).flatMap({ Int($0) }) {
                    columns += Array(a...b)
                } else {
                    columns += dollar.matches(in: part, range: NSRange(part.startIndex..., in: part))
                        .compactMap { m in (Range(m.range(at: 1), in: part) ?? Range(m.range(at: 2), in: part)).flatMap { Int(part[$0]) } }
                }
            }
            XCTAssertTrue(columns.allSatisfy { (1...keys.count).contains($0) }, "\(stem): using \(spec) beyond \(keys.count) columns")
            out[stem, default: []].insert(columns.filter { (1...keys.count).contains($0) }.map { keys[$0 - 1] })
        }
        return out
    }

    /// Regression: the scripts picked columns by number (`using 3:4`), so reordering a
    /// table's columns would have plotted the wrong quantity without an error. Every
    /// `using` clause of every script, read back through the tables' headers, must plot
    /// the quantities of the paper's axes (`plotted`).
    func checkEveryScriptPlotsTheQuantitiesOfItsAxes(_ dir: URL) throws {
        var found: [String: Set<[String]>] = [:]
        for figure in ["fig1", "fig2", "fig3", "fig4", "fig4g", "fig5", "fig6", "fig7", "fig8", "fig9", "fig10"] {
            let script = try String(contentsOf: dir.appendingPathComponent("plots/\(figure).gp"))
            found.merge(try plottedKeys(script: script, tables: dir.appendingPathComponent("out"))) { $0.union($1) }
        }
        XCTAssertEqual(Set(found.keys), Set(Self.plotted.keys))
        for (stem, expected) in Self.plotted {
            XCTAssertEqual(found[stem], expected, stem)
        }
    }
}
