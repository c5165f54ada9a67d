set terminal pngcairo size 1000,700 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig4g.png')
set datafile missing "null"
set key box opaque
symlog(k) = sgn(k) * log10(1 + abs(k))
set title "Fig. 4G: principal curvatures of the decision boundary, pulled back to layer l\n(tanh, σ_w = 4, σ_b = 0.3, N = 200, D = 10; mean over 10 boundary points)"
set xlabel "layer l (0 = input, 10 = last)"; set ylabel "sign(κ) log_{10}(1 + |κ|)"
set ytics ("-100" -log10(101), "-10" -log10(11), "-1" -log10(2), "0" 0, "1" log10(2), "10" log10(11), "100" log10(101), "1000" log10(1001))
set xrange [-0.5:10.5]; set key top right; set grid ytics
plot for [c=5:8] 'notebooks-out/fig4g-boundary-curvature.dat' using 1:(symlog(column(c))) with linespoints lw 2 pt 7 lc rgb "#d95f02" title (c == 5 ? "4 largest κ" : ""), \
     for [c=9:12] 'notebooks-out/fig4g-boundary-curvature.dat' using 1:(symlog(column(c))) with linespoints lw 2 pt 7 lc rgb "#1b9e77" title (c == 9 ? "4 smallest κ" : "")