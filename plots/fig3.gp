set terminal pngcairo size 1400,1000 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig3.png')
set datafile missing "null"
set key box opaque
set multiplot layout 2,2 title "Fig. 3: a great circle through a chaotic tanh network (σ_w = 4, σ_b = 0.3, N = 1000)"
set title "A  autocorrelation c^l(Δθ): theory (lines), simulation (points)"
set xlabel "Δθ"; set ylabel "c^l(Δθ)"; set key top right
set xrange [0:pi]; set xtics ("0" 0, "π/4" pi/4, "π/2" pi/2, "3π/4" 3*pi/4, "π" pi)
plot [0:pi][-1:1] \
  for [i=0:4] 'notebooks-out/fig3a-autocorrelation.dat' index i using 2:3 with lines lw 2 lc i+1 title sprintf("layer %s", word("1 2 3 5 10", i+1)), \
  for [i=0:4] 'notebooks-out/fig3a-autocorrelation.dat' index i every 4 using 2:4:5 with yerrorbars pt 7 ps 0.6 lc i+1 notitle
set xtics autofreq; set xrange [*:*]; unset key
set xlabel "PC1"; set ylabel "PC2"; set zlabel "PC3"; set view 60,30; set ticslevel 0
set view equal xyz  # one unit is one unit on every axis: a flat circle looks flat
set title "B  layer 1: principal components 1–3"
set xrange [-200.0:200.0]; set yrange [-200.0:200.0]; set zrange [-200.0:200.0]
set xtics 100.0; set ytics 100.0; set ztics 100.0
splot 'notebooks-out/fig3b-pca.dat' index 0 using 3:4:5 with lines lw 2 lc rgb "#1b9e77"
set title "C  layer 4: principal components 1–3"
set xrange [-200.0:200.0]; set yrange [-200.0:200.0]; set zrange [-200.0:200.0]
set xtics 100.0; set ytics 100.0; set ztics 100.0
splot 'notebooks-out/fig3b-pca.dat' index 1 using 3:4:5 with lines lw 2 lc rgb "#d95f02"
set title "D  layer 10: principal components 1–3"
set xrange [-100.0:100.0]; set yrange [-100.0:100.0]; set zrange [-100.0:100.0]
set xtics 50.0; set ytics 50.0; set ztics 50.0
splot 'notebooks-out/fig3b-pca.dat' index 2 using 3:4:5 with lines lw 2 lc rgb "#7570b3"
unset multiplot