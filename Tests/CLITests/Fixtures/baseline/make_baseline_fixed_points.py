"""What the previous round's binary (commit 223bfac, built with
`swift build -c release --product meanfield`) printed for fixed-point and phase-diagram,
for FixedPointsCLITests.testUniqueStableFixedPointsPrintAsBefore: where a unique stable
fixed point exists, every value printed before stays the same to the last digit.
Usage: python3 make_baseline_fixed_points.py PATH/TO/meanfield-at-223bfac"""
import json, subprocess, sys

binary = sys.argv[1]
runs = []
for phi in ["tanh", "erf", "relu", "sigmoid", "softplus"]:
    for w in ["0.5", "1", "1.3", "2.5", "4"]:
        for b in ["0", "0.05", "0.3", "2"]:
            for fmt in ["gnuplot", "csv", "json"]:
                runs.append(["fixed-point", "--phi", phi, "--sigma-w", w, "--sigma-b", b, "--format", fmt])
for phi in ["tanh", "erf", "relu", "sigmoid", "softplus"]:
    for fmt in ["gnuplot", "csv", "json"]:
        runs.append(["phase-diagram", "--phi", phi, "--sigma-w", "0.5:4:8", "--sigma-b", "0:2:5", "--format", fmt])
out = {}
for args in runs:
    p = subprocess.run([binary] + args, capture_output=True, text=True)
    out[" ".join(args)] = {"status": p.returncode, "stdout": p.stdout}
with open("fixed_points_baseline.json", "w") as f:
    json.dump(out, f, indent=0, sort_keys=True)
print(len(out), "runs")
