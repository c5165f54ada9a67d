set terminal pngcairo size 1400,1000 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig2.png')
set datafile missing "null"
set key box opaque
set multiplot layout 2,2 title "Fig. 2: the correlation map and the order-to-chaos transition (tanh, σ_b = 0.3)"
set title "A  correlation map at q*: theory (lines), one layer of N = 1000 (points ± sd)"
set xlabel "c^{l-1}"; set ylabel "c^l"; set key top left spacing 1.4
plot [-1:1][-1:1] \
  for [i=0:2] 'notebooks-out/fig2a-theory.dat' index i using 2:3 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) title sprintf("σ_w = %s", word("1.3 2.5 4.0", i+1)), \
  for [i=0:2] 'notebooks-out/fig2a-simulation.dat' index i using 2:3:4 with yerrorbars pt 7 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) notitle, \
  x with lines dt 2 lc rgb "gray" title "c^l = c^{l-1}"
set title "B  c^l from three c^1 (σ_w = 2.5): theory (lines), simulation (points ± s.e.)"
set xlabel "layer l"; set ylabel "c^l"; set key top right
plot [][0:1] \
  for [i=0:2] 'notebooks-out/fig2b-dynamics.dat' index i using 2:3 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) title sprintf("c^1 = %s", word("0.2 0.5 0.8", i+1)), \
  for [i=0:2] 'notebooks-out/fig2b-dynamics.dat' index i using 2:4:5 with yerrorbars pt 7 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) notitle
set view map; set palette defined (0 "#2c7bb6", 1 "#ffffbf", 2 "#d7191c")
set xlabel "σ_w"; set ylabel "σ_b"; set xrange [1:5]; set yrange [0:4]
set title "C  c*(σ_w, σ_b)"; set cblabel "c*"; set cbrange [0:1]; unset key
splot 'notebooks-out/phase-diagram.dat' using 1:2:5 with pm3d
set title "D  χ_1(σ_w, σ_b) and the boundary χ_1 = 1"; set cblabel "χ_1"; set cbrange [0:2]
set key bottom right
splot 'notebooks-out/phase-diagram.dat' using 1:2:6 with pm3d notitle, \
      'notebooks-out/boundary.dat' using 2:1:(0) with lines lw 3 lc rgb "black" title "χ_1 = 1"
unset multiplot