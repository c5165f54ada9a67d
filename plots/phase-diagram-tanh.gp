# χ1(σw, σb) for tanh with the order-to-chaos boundary χ1 = 1 (paper Fig. 2D).
# Run from the repository root: gnuplot plots/phase-diagram-tanh.gp
set terminal pngcairo size 900,700 enhanced font "DejaVu Sans,12"
set output "plots/phase-diagram-tanh.png"
set datafile missing "null"
set title "tanh: χ_1(σ_w, σ_b) and the order-to-chaos boundary χ_1 = 1"
set xlabel "σ_w"
set ylabel "σ_b"
set cblabel "χ_1"
set xrange [1:5]
set yrange [0:4]
set view map
set pm3d map interpolate 0,0
set palette defined (0 "#2c7bb6", 1 "#ffffbf", 2 "#d7191c")
set cbrange [0:2]
set key bottom right box opaque
splot "notebooks-out/phase-diagram-tanh.dat" using 1:2:4 with pm3d notitle, \
      "notebooks-out/boundary-tanh.dat" using 2:1:(0) with lines lw 3 lc rgb "black" title "χ_1 = 1 (boundary)"
