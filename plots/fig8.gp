set terminal pngcairo size 1800,640 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig8.png')
set datafile missing "null"
set key box opaque
set multiplot layout 1,3 title "Fig. 8: initialising silu, and the critical line by q*"
set title "A  silu: what q^l does, by (σ_w, σ_b)"
set xlabel "σ_w"; set ylabel "σ_b"; set xrange [1:2.2]; set yrange [0:1.2]
set palette maxcolors 4 defined (0 "#2c7bb6", 1 "#d7191c", 2 "#fdae61", 3 "#555555")
set cbrange [-0.5:3.5]; set cbtics ("ordered" 0, "chaotic" 1, "bistable" 2, "divergent" 3)
set key bottom right font ",10" samplen 2 spacing 1.1
plot 'notebooks-out/fig8a-silu-regions.dat' using 1:2:3 with image notitle, \
     'notebooks-out/fig8a-silu-boundary.dat' using (valid(4) ? column(4) : NaN):($1) with lines lw 3 lc rgb "black" title "saddle-node: the stable branch ends", \
     'notebooks-out/fig8a-silu-boundary.dat' using (valid(3) ? column(3) : NaN):($1) with lines lw 3 dt 2 lc rgb "white" title "χ_1 = 1 on the unstable branch", \
     'notebooks-out/fig8a-silu-boundary.dat' using (valid(2) ? column(2) : NaN):($1) with lines lw 3 lc rgb "#1a9641" title "χ_1 = 1 on the stable branch"
unset colorbox
set title "B  the critical line by q* (q* = 10^{-3} … 10^2): solid stable, dashed unstable"
set xlabel "σ_w"; set ylabel "σ_b"; set xrange [0.8:2.1]; set yrange [0:*]; set key top left
plot for [i=0:3] 'notebooks-out/fig8b-critical-line.dat' index i using (strcol(6) eq "true" ? $3 : NaN):($4) with lines lw 3 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) title word("tanh erf silu gelu", i+1), \
     for [i=0:3] 'notebooks-out/fig8b-critical-line.dat' index i using (strcol(6) eq "false" ? $3 : NaN):($4) with lines lw 2 dt 2 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) notitle
set title "C  χ_q on the critical line: q* is stable where χ_q < 1"
set logscale x; set format x "10^{%L}"; set xlabel "q*"; set ylabel "χ_q"; set xrange [*:*]; set yrange [*:*]
set key bottom left
plot for [i=0:3] 'notebooks-out/fig8b-critical-line.dat' index i using 2:5 with lines lw 3 lc rgb word("#1b9e77 #d95f02 #7570b3 #e7298a", i+1) title word("tanh erf silu gelu", i+1), \
     1 with lines dt 2 lc rgb "black" title "χ_q = 1"
unset multiplot