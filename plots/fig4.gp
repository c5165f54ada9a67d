set terminal pngcairo size 1800,600 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig4.png')
set datafile missing "null"
set key box opaque
set multiplot layout 1,3 title "Fig. 4A-C: a great circle through depth (tanh, σ_b = 0.3, N = 1000)"
set logscale y; set format y "10^{%L}"; set xlabel "layer l"; set key top left
set title "A  Euclidean length: theory (lines), simulation (points ± s.e.)"; set ylabel "L^E/√N"
plot for [i=0:2] 'notebooks-out/fig4-curvature.dat' index i using 2:5 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) title sprintf("σ_w = %s", word("1.3 2.5 4.0", i+1)), \
     for [i=0:2] 'notebooks-out/fig4-curvature.dat' index i using 2:3:4 with yerrorbars pt 7 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) notitle
set title "B  extrinsic curvature: theory (lines), simulation (points ± s.e.)"; set ylabel "κ̄ = √N κ"
plot for [i=0:2] 'notebooks-out/fig4-curvature.dat' index i using 2:8 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) title sprintf("σ_w = %s", word("1.3 2.5 4.0", i+1)), \
     for [i=0:2] 'notebooks-out/fig4-curvature.dat' index i using 2:6:7 with yerrorbars pt 7 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) notitle
set title "C  Grassmannian length: theory (lines), simulation (points ± s.e.)"; set ylabel "L^G"
plot for [i=0:2] 'notebooks-out/fig4-curvature.dat' index i using 2:11 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) title sprintf("σ_w = %s", word("1.3 2.5 4.0", i+1)), \
     for [i=0:2] 'notebooks-out/fig4-curvature.dat' index i using 2:9:10 with yerrorbars pt 7 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) notitle
unset multiplot