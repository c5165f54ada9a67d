set terminal pngcairo size 1000,700 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig5.png')
set datafile missing "null"
set key box opaque
set title "Fig. 5 (lite): depth, not width, makes a circle's image long\n(tanh, σ_w = 4, σ_b = 0.3; deep nets of width 1000 against one-hidden-layer nets)"
set logscale xy; set format y "10^{%L}"; set xlabel "neurons in all hidden layers (N·d deep, N_1 shallow)"; set ylabel "L^E"
set key top left; set xrange [*:*] noextend
plot 'notebooks-out/fig5-deep.dat' using 3:4 with linespoints lw 2 pt 7 lc rgb "#d95f02" title "deep: depth d = 1, 2, …", \
     'notebooks-out/fig5-shallow.dat' using 1:2 with linespoints lw 2 pt 5 lc rgb "#1b9e77" title "shallow: one hidden layer", \
     'notebooks-out/fig5-shallow.dat' using 1:3 with lines dt 2 lw 2 lc rgb "black" title "Theorem 1 bound N_1 (1 + s) R"