"""What the previous round's binary (commit 223bfac, built with
`swift build -c release --product meanfield`) printed for `boundary` of φ whose fixed
point is unique (tanh, erf, sigmoid, hardtanh), for
BoundaryCLITests.testUniqueFixedPointBoundaryPrintsAsBefore: sigma_w_critical stays the
same to the last digit beside the new sigma_w_saddle_node column.
Usage: python3 make_baseline_boundary.py PATH/TO/meanfield-at-223bfac"""
import json, subprocess, sys

binary = sys.argv[1]
runs = []
for phi, b in [("tanh", "0:4:21"), ("erf", "0:4:21"), ("sigmoid", "0:4:5"), ("hardtanh", "0:4:5"),
               ("tanh", "0.001:0.01:3"), ("erf", "10:1000:3")]:
    runs.append(["boundary", "--phi", phi, "--sigma-b", b, "--format", "json"])
out = {}
for args in runs:
    p = subprocess.run([binary] + args, capture_output=True, text=True)
    out[" ".join(args)] = {"status": p.returncode, "stdout": p.stdout, "stderr": p.stderr}
with open("boundary_baseline.json", "w") as f:
    json.dump(out, f, indent=0, sort_keys=True)
print(len(out), "runs")
