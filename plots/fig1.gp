set terminal pngcairo size 1400,1000 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig1.png')
set datafile missing "null"
set key box opaque
set multiplot layout 2,2 title "Fig. 1: the length map and its fixed point (tanh, σ_b = 0.3)"
set title "A  length map V(q): theory (lines), one layer of N = 1000 (points ± sd)"
set xlabel "q^{l-1}"; set ylabel "q^l"; set key top left
plot [0:15][0:] \
  'notebooks-out/fig1a-theory.dat' index 0 using 2:3 with lines lw 2 lc rgb "#1b9e77" title "σ_w = 1.3", \
  'notebooks-out/fig1a-theory.dat' index 1 using 2:3 with lines lw 2 lc rgb "#d95f02" title "σ_w = 2.5", \
  'notebooks-out/fig1a-theory.dat' index 2 using 2:3 with lines lw 2 lc rgb "#7570b3" title "σ_w = 4.0", \
  'notebooks-out/fig1a-simulation.dat' index 0 using 2:3:4 with yerrorbars pt 7 lc rgb "#1b9e77" notitle, \
  'notebooks-out/fig1a-simulation.dat' index 1 using 2:3:4 with yerrorbars pt 7 lc rgb "#d95f02" notitle, \
  'notebooks-out/fig1a-simulation.dat' index 2 using 2:3:4 with yerrorbars pt 7 lc rgb "#7570b3" notitle, \
  x with lines dt 2 lc rgb "gray" title "q^l = q^{l-1}"
set title "B  q^l from three q^1 (σ_w = 4): theory (lines), simulation (points ± s.e.)"
set xlabel "layer l"; set ylabel "q^l"; set key center right
plot [0:16] \
  for [i=0:2] 'notebooks-out/fig1b-dynamics.dat' index i using 2:3 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) title sprintf("q^1 = %s", word("1 6 12", i+1)), \
  for [i=0:2] 'notebooks-out/fig1b-dynamics.dat' index i using 2:4:5 with yerrorbars pt 7 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) notitle
set view map; unset key; set palette defined (0 "#2c7bb6", 1 "#ffffbf", 2 "#d7191c")
set xlabel "σ_w"; set ylabel "σ_b"; set xrange [1:5]; set yrange [0:4]
set title "C  q*(σ_w, σ_b)"; set cblabel "q*"; set cbrange [*:*]
splot 'notebooks-out/phase-diagram.dat' using 1:2:3 with pm3d
set title "D  convergence time to within 1% of q* (mean over q^1 = 0.5 … 15, log scale)"; set cblabel "steps"
set logscale cb; set cbrange [1:*]
splot 'notebooks-out/phase-diagram.dat' using 1:2:4 with pm3d
unset multiplot