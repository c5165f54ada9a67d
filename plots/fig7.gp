set terminal pngcairo size 1600,1200 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig7.png')
set datafile missing "null"
set key box opaque
set multiplot layout 2,2 title "Fig. 7: learning dynamics of deep linear networks (lines: theory; points: gradient descent / sampled data)"
set title "A  mode strengths from decoupled a_0 = 0.01, λ = 0.01: 3 layers (solid), 6 layers (dashed)"
set xlabel "epoch t"; set ylabel "a_α(t)"; set key bottom right
plot for [i=0:5] 'notebooks-out/fig7a-modes.dat' index i using 4:6 with lines lw 2 dt 1+(i >= 3) lc rgb word("#1b9e77 #d95f02 #7570b3", i % 3 + 1) title sprintf("N_l = %d, s = %d", i < 3 ? 3 : 6, 3 - i % 3), \
     for [i=0:5] 'notebooks-out/fig7a-modes.dat' index i every 4 using 4:5 with points pt 7-(i >= 3) ps 0.6 lc rgb word("#1b9e77 #d95f02 #7570b3", i % 3 + 1) notitle
set title "B  singular values by mode, D = 6, ε = 0.1: eq. 13 (line) vs sampled data (points)"
set xlabel "mode α (by rank; levels 0…5 have 1, 1, 2, 4, 8, 16 modes)"; set ylabel "s/√N"; set key top right; set xrange [-1:32]
plot 'notebooks-out/fig7b-hierarchy-spectrum.dat' index 2 using ($2 - 0.5):4 with steps lw 2 lc rgb "black" title "eq. 13", \
     for [i=0:2] 'notebooks-out/fig7b-hierarchy-spectrum.dat' index i using 2:5 with points pt 7 ps 0.8 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a #66a61e", i + 1) title sprintf("sampled, N = %s", word("20 200 2000", i + 1))
set title "C  progressive differentiation: each level's mode strength (GD from small weights, 3 layers)"
set xlabel "epoch t"; set ylabel "ā_l / s̄_l"; set key bottom right; set xrange [*:*]; set yrange [0:1.1]
plot for [i=0:4] 'notebooks-out/fig7c-differentiation.dat' index i using 3:4 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a #66a61e", i + 1) title sprintf("level %d", i), \
     for [i=0:4] 'notebooks-out/fig7c-differentiation.dat' index i using 3:5 with lines lw 1 dt 2 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a #66a61e", i + 1) notitle
set title "D  epochs to 10% of the initial error, best rate per depth (D = 6, N = 64, hidden 128)"
set xlabel "layers N_l"; set ylabel "epochs"; set logscale xy; set xrange [2.5:78.0]; set yrange [*:*]; set key top left
plot 'notebooks-out/fig7d-learning-time.dat' index 0 using 2:4 with linespoints lw 2 pt 7 lc rgb "#1b9e77" title "orthogonal", \
     'notebooks-out/fig7d-learning-time.dat' index 1 using 2:4 with linespoints lw 2 pt 7 lc rgb "#d95f02" title "decoupled, a_0 = 1", \
     'notebooks-out/fig7d-learning-time.dat' index 2 using 2:4 with linespoints lw 2 pt 7 lc rgb "#7570b3" title "Gaussian (variance 1/fan-in)", \
     'notebooks-out/fig7d-learning-time.dat' index 3 using 2:4 with linespoints lw 2 pt 7 lc rgb "#e7298a" title "small, σ = 0.01 (missing: not reached)"
unset multiplot