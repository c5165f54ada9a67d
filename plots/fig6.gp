set terminal pngcairo size 1800,1100 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig6.png')
set datafile missing "null"
set key box opaque
set multiplot layout 2,3 title "Fig. 6: dynamical isometry: squared singular values λ of the end-to-end Jacobian (lines: free-probability theory; points: simulation ± s.e., N = 400)"
set xlabel "log_{10} λ"; set ylabel "density of log_{10} λ"; set key top left
set title "A  W^{tot} of linear nets: Gaussian (Fuss–Catalan) vs orthogonal"
set xrange [-4:3]; set yrange [0:1.5]
plot for [i=0:3] 'notebooks-out/fig6a-linear.dat' index i using 3:4 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) title sprintf("Gaussian, L = %s", word("1 4 16 64", i+1)), \
     for [i=0:3] 'notebooks-out/fig6a-linear.dat' index i using 3:5:6 with yerrorbars pt 7 ps 0.5 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) notitle, \
     'notebooks-out/fig6a-orthogonal.dat' using (log10($3)):(0.9) with impulses lw 4 lc rgb "black" title "orthogonal, every L: all λ = 1"
set title "B  tanh at χ_1 = 1, σ_b = 0.001: orthogonal weights"
set xrange [-0.6:0.6]; set yrange [0:*]
plot for [i=0:3] 'notebooks-out/fig6b-tanh.dat' index i using 3:4 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) title sprintf("L = %s", word("2 8 32 128", i+1)), \
     for [i=0:3] 'notebooks-out/fig6b-tanh.dat' index i using 3:5:6 with yerrorbars pt 7 ps 0.5 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) notitle
set title "B′  tanh at χ_1 = 1, σ_b = 0.001: Gaussian weights"
set xrange [-4:3]
plot for [i=0:3] 'notebooks-out/fig6b-tanh.dat' index (i+4) using 3:4 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) title sprintf("L = %s", word("2 8 32 128", i+1)), \
     for [i=0:3] 'notebooks-out/fig6b-tanh.dat' index (i+4) using 3:5:6 with yerrorbars pt 7 ps 0.5 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) notitle
set title "C  variance of the spectrum against depth (tanh at χ_1 = 1, σ_b = 0.001)"
set logscale xy; set xrange [*:*]; set yrange [*:*]; set xlabel "depth L (Gaussian points above the line at L/N ≥ 0.16: finite width)"; set ylabel "Var λ"; set format y "10^{%L}"; set key bottom right
plot 'notebooks-out/fig6c-variance.dat' index 0 using 2:3 with lines lw 2 lc rgb "#d95f02" title "Gaussian: L μ_2/μ_1^2", \
     'notebooks-out/fig6c-variance.dat' index 0 using 2:4:5 with yerrorbars pt 7 lc rgb "#d95f02" notitle, \
     'notebooks-out/fig6c-variance.dat' index 1 using 2:3 with lines lw 2 lc rgb "#1b9e77" title "orthogonal: L (μ_2/μ_1^2 − 1)", \
     'notebooks-out/fig6c-variance.dat' index 1 using 2:4:5 with yerrorbars pt 7 lc rgb "#1b9e77" notitle
set title "D  along the critical line: Var λ / L, orthogonal weights"
set xlabel "q*"; set ylabel "Var λ / L = μ_2/μ_1^2 − 1"; set key bottom right
plot 'notebooks-out/fig6d-critical-line.dat' index 0 using 4:5 with linespoints lw 2 pt 7 lc rgb "#1b9e77" title "tanh (→ 0 as q* → 0)", \
     'notebooks-out/fig6d-critical-line.dat' index 1 using 4:5 with linespoints lw 2 pt 7 lc rgb "#d95f02" title "hardtanh", \
     'notebooks-out/fig6d-critical-line.dat' index 2 using 4:5 with lines lw 2 dt 2 lc rgb "#7570b3" title "relu (1 at every q*)"
unset multiplot