set terminal pngcairo size 1500,1000 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig9.png')
set datafile missing "null"
set key box opaque
array curve[6] = ["mlp, ordered", "mlp, critical", "mlp, chaotic", "resnet w=0.8, ordered", "resnet w=0.8, critical", "resnet w=0.8, chaotic"]
set multiplot title "Fig. 9: dropout has no critical line; the NTK in order, at criticality and in chaos (tanh)" font ",14"
set size 1, 0.47; set origin 0, 0.48
set title "A  ξ_c against σ_w for keep probabilities ρ (σ_b^2 = 0.05): theory (lines), simulation (points ± s.e.)"
set xlabel "σ_w"; set ylabel "ξ_c [layers]"; set key top right; set logscale y
plot [0.5:4][0.3:300] \
  for [i=0:3] 'notebooks-out/fig9a-theory.dat' index i using 2:3 with lines lw 2 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) title sprintf("ρ = %s", word("1.0 0.99 0.95 0.9", i+1)), \
  for [i=0:3] 'notebooks-out/fig9a-simulation.dat' index i using 2:3:4 with yerrorbars pt 7 ps 1.2 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) notitle
unset logscale y
set size 0.5, 0.48; set origin 0, 0
set title "B  Θ(x, x')/Θ(x, x) by depth: mlp (solid), resnet w = 0.8 (dashed)"
set xlabel "layer l"; set ylabel "Θ_{12}/Θ"; set key at graph 0.98, 0.75 right font ",10"
plot [][0:1.05] \
  for [i=0:2] 'notebooks-out/fig9bc-ntk.dat' index i using 2:5 with lines lw 2 dt 1 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) title curve[i+1], \
  for [i=3:5] 'notebooks-out/fig9bc-ntk.dat' index i using 2:5 with lines lw 2 dt 2 lc rgb word("#1b9e77 #d95f02 #7570b3", i-2) title curve[i+1]
set size 0.5, 0.48; set origin 0.5, 0
set title "C  Θ(x, x) by depth (limit in order, linear at χ_1 = 1, exponential in chaos)"
set xlabel "layer l"; set ylabel "Θ(x, x)"; set logscale y; set format y "10^{%L}"; set key default; set key top left box opaque font ",10"
plot [][] \
  for [i=0:2] 'notebooks-out/fig9bc-ntk.dat' index i using 2:3 with lines lw 2 dt 1 lc rgb word("#1b9e77 #d95f02 #7570b3", i+1) title curve[i+1], \
  for [i=3:5] 'notebooks-out/fig9bc-ntk.dat' index i using 2:3 with lines lw 2 dt 2 lc rgb word("#1b9e77 #d95f02 #7570b3", i-2) title curve[i+1]
unset multiplot